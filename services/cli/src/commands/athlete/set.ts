import type { Units } from '@runcue/analysis';
import { changeAthlete, type SettingChange } from '@runcue/operations';
import { CliError } from '../../cli-error.ts';
import { openDb } from '../../open-db.ts';
import * as parse from '../../option-parsers.ts';
import type { RegisterCommand } from '../register.ts';
import { describeSettings } from './describe-athlete.ts';

interface SetOptions {
  name?: string;
  email?: string;
  tz?: string;
  threshold?: number;
  units?: Units;
  reviewDay?: number;
  reviewTime?: string;
  runEmails?: boolean;
  weeklyReview?: boolean;
  setting?: SettingChange[];
}

/** `runcue athlete set <athlete> …`: change a runner's details, emails or thresholds. */
export const registerAthleteSet: RegisterCommand = (athlete, ctx) => {
  athlete
    .command('set')
    .description("change a runner's name, email, time zone, units, emails or thresholds")
    .argument('<athlete>', 'id, email or name')
    .option('--name <name>', 'how the runner is called', parse.parseText)
    .option('--email <email>', 'where summaries and weekly reviews are sent', parse.parseEmail)
    .option('--tz <zone>', 'IANA time zone, e.g. Europe/Berlin', parse.parseTimeZone)
    .option('--threshold <spm>', 'cadence threshold in steps/min', parse.parseThreshold)
    .option(
      '--units <units>',
      "'km' or 'mi': how emails and reports show distances and paces",
      parse.parseUnits,
    )
    .option(
      '--review-day <day>',
      'the weekly review goes out on this day: mon, tue, … sun',
      parse.parseWeekday,
    )
    .option(
      '--review-time <HH:MM>',
      "at this time of day, in the runner's time zone, e.g. 07:00",
      parse.parseTimeOfDay,
    )
    .option('--run-emails <on|off>', 'send an email after each run', parse.parseOnOff)
    .option('--weekly-review <on|off>', 'send the weekly review', parse.parseOnOff)
    .option(
      '--setting <name=value>',
      "override a threshold, e.g. rampFlagPercent=8 ('name=default' drops the override); repeatable",
      parse.parseSetting,
    )
    .action(async (ref: string, opts: SetOptions) => {
      if (Object.values(opts).every((v) => v === undefined))
        throw new CliError(
          'NOTHING_TO_CHANGE',
          'say what to change: --name, --email, --tz, --threshold, --units, --review-day, --review-time, --run-emails, --weekly-review or --setting',
        );
      const { db, close } = await openDb(ctx.config);
      ctx.onClose(close);
      const { tz, threshold, reviewDay, reviewTime, setting, ...same } = opts;
      const a = await changeAthlete(db, ref, {
        ...same,
        timeZone: tz,
        cadenceThresholdSpm: threshold,
        weeklyReviewDay: reviewDay,
        weeklyReviewTime: reviewTime,
        settings: setting,
      });
      ctx.stdout(
        `${a.name} <${a.email}> (${a.timeZone}, ${a.cadenceThresholdSpm} spm, ${describeSettings(a).join(', ')}): ${a.id}\n`,
      );
    });
};
