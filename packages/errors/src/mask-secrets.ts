/** Query (and fragment) parameters whose values are credentials, in any case, `-` or `_` spelling. */
const SECRET_PARAM =
  /^(pass|password|passwd|pwd|secret|client[-_]?secret|token|access[-_]?token|auth|authorization|api[-_]?key|apikey|key|sslpassword|credentials?)$/i;

/** A URL anywhere in a text: a scheme, `://`, then everything up to a space or a quote. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

const MASK = '***';

/**
 * A URL with its credentials replaced by `***`, for printing: the password of `user:pass@` (the
 * user stays, to tell accounts apart), the whole user part when it stands alone
 * (`smtp://SECRET@host`: a token used as a user name), and the value of every query or fragment
 * parameter named like a secret (`?pass=`, `&password=`, `#access_token=`). Works on any scheme
 * (`smtp`, `smtps`, `postgres`, `https` …); a URL that does not parse is masked by pattern.
 */
export function maskUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return maskByPattern(url);
  }
  if (u.password !== '') u.password = MASK;
  else if (u.username !== '') u.username = MASK;
  u.search = maskParams(u.search, '?');
  u.hash = maskParams(u.hash, '#');
  const out = u.toString();
  return out.endsWith('/') && !url.endsWith('/') ? out.slice(0, -1) : out;
}

/**
 * The text with every URL in it passed through `maskUrl`, and every `known` secret (an API key
 * read from the database, say) replaced by `***` wherever it appears. For anything printed or
 * logged: error messages, doctor lines, start-up banners.
 */
export function maskSecrets(text: string, known: readonly string[] = []): string {
  let out = text.replace(URL_IN_TEXT, (url) => maskUrl(url));
  for (const secret of known) {
    // Short values would blank out ordinary words; real keys and passwords are longer.
    if (secret.length >= 6) out = out.split(secret).join(MASK);
  }
  return out;
}

function maskParams(part: string, lead: '?' | '#'): string {
  if (part.length <= 1 || !part.includes('=')) return part;
  const masked = part
    .slice(1)
    .split(/([&;])/)
    .map((piece) => {
      const eq = piece.indexOf('=');
      if (eq < 0) return piece;
      const name = safeDecode(piece.slice(0, eq));
      return SECRET_PARAM.test(name) ? `${piece.slice(0, eq)}=${MASK}` : piece;
    })
    .join('');
  return `${lead}${masked}`;
}

/** For a URL `new URL` refuses: mask the user part and secret-named parameters by their shape. */
function maskByPattern(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i, (_m, scheme: string, user: string) =>
      user.includes(':') ? `${scheme}${user.slice(0, user.indexOf(':'))}:${MASK}@` : `${scheme}${MASK}@`,
    )
    .replace(/([?&;#])([^=&;#]+)=([^&;#]*)/g, (m, sep: string, name: string) =>
      SECRET_PARAM.test(safeDecode(name)) ? `${sep}${name}=${MASK}` : m,
    );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
