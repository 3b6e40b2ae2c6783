export { createMailer } from './mailer.ts';
export type { Mailer, MailerConfig } from './mailer.ts';
export { MailError } from './mail-error.ts';
export type { MailErrorCode } from './mail-error.ts';
export { inlineImages } from './inline-images.ts';
export type { Delivery, MailImage, OutgoingMail } from './outgoing-mail.ts';
export { createNotifier } from './notifier.ts';
export type {
  Notifier,
  NotifierLogger,
  NotifierOptions,
  RenderedMail,
  RenderMessage,
  SendResult,
} from './notifier.ts';
export { weeklyDue, wallClock, DEFAULT_WEEKLY_TIME, DEFAULT_WEEKLY_WEEKDAY } from './weekly-due.ts';
export type { WeeklyDue, WeeklySchedule } from './weekly-due.ts';
export { weeklySchedules } from './weekly-schedules.ts';
export { startNotifier } from './start-notifier.ts';
export type { StartNotifierOptions } from './start-notifier.ts';
export { createRenderer } from './render-message.ts';
export { renderRunSummaryMail } from './render-run-summary.ts';
export { renderWeeklyReviewMail, weeklyReviewMail } from './render-weekly-review.ts';
export { createUnsubscribeLinks, loadLinkSecret } from './unsubscribe-links.ts';
export type { UnsubscribeLinks } from './unsubscribe-links.ts';
