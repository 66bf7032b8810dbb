// The rules for a password a person chooses (NIST SP 800-63B): length, not common, not their own name or e-mail.
import fs from 'node:fs';
import { fromRoot } from '../paths';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, normalisePassword } from './password';

export const COMMON_PASSWORDS_FILE = fromRoot('reference/common-passwords.txt');

/** The message keys a refused password is answered with; translate with PASSWORD_LIMITS as parameters. */
export type PasswordProblem = 'password.too_short' | 'password.too_long' | 'password.characters' | 'password.common' | 'password.personal';
export const PASSWORD_LIMITS = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH } as const;

/** What is known about the account, so a password equal to it is refused. */
export interface PasswordContext {
  email?: string | undefined;
  name?: string | undefined;
}

// Control characters cannot be typed into a password field, and a lone surrogate (possible from a
// JSON client) has no UTF-8 form: argon2 would see U+FFFD, so different inputs would be one password.
const UNUSABLE = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// A word anyone attacking this installation would try first.
const SERVICE_WORDS = ['riktning'];

let common: ReadonlySet<string> | undefined;
/** The shipped list of common passwords (lower case), read once per process on first use. */
export function commonPasswords(): ReadonlySet<string> {
  return (common ??= new Set(fs.readFileSync(COMMON_PASSWORDS_FILE, 'utf8').split('\n').filter((line) => line !== '')));
}

/**
 * Why a chosen password is refused, or undefined when it may be used. No composition rules (NIST
 * SP 800-63B §3.1.1.2): any Unicode, spaces included, counted in code points after NFKC.
 */
export function passwordProblem(password: string, context: PasswordContext = {}): PasswordProblem | undefined {
  const normalised = normalisePassword(password);
  const length = [...normalised].length;
  if (length < MIN_PASSWORD_LENGTH) return 'password.too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'password.too_long';
  if (UNUSABLE.test(normalised)) return 'password.characters';
  // The list is lower case without spaces; "Qwerty 123456789" is the same guess as "qwerty123456789".
  const folded = fold(normalised);
  const personal = personalWords(context);
  const unit = repeatedUnit(folded);
  if (personal.has(folded) || (unit !== undefined && personal.has(unit))) return 'password.personal';
  if (commonPasswords().has(folded) || SERVICE_WORDS.includes(folded)) return 'password.common';
  // One short piece or one common word over and over ("aaaaaaaaaaaaaaa", "monkeymonkeymonkey").
  if (unit !== undefined && ([...unit].length <= 4 || commonPasswords().has(unit) || SERVICE_WORDS.includes(unit))) return 'password.common';
  return undefined;
}

const fold = (s: string): string => s.toLowerCase().replace(/\s+/gu, '');

function personalWords(context: PasswordContext): Set<string> {
  const words = new Set<string>();
  const email = context.email ? fold(normalisePassword(context.email)) : '';
  if (email) {
    words.add(email);
    const local = email.split('@')[0];
    if (local) words.add(local);
  }
  const name = context.name ? fold(normalisePassword(context.name)) : '';
  if (name) words.add(name);
  return words;
}

/** The piece a string repeats, if it is nothing but one piece repeated (an empty string is "" repeated). */
function repeatedUnit(s: string): string | undefined {
  if (s === '') return '';
  const m = /^(.+?)\1+$/su.exec(s);
  return m ? m[1] : undefined;
}
