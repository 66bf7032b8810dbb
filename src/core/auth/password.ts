// Password hashing with argon2id (OWASP's first choice), over the NFKC form of the password.
import { hash, verify } from '@node-rs/argon2';

// Algorithm 2 = Argon2id; memory and time cost as OWASP's recommended minimum (19 MiB, t=2).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * NIST SP 800-63B asks for Unicode normalisation before hashing, so "é" typed as one code point on
 * one keyboard and as e + combining accent on another is the same password. NFKC also folds
 * compatibility forms (full-width letters, ligatures) that different input methods produce.
 */
export const normalisePassword = (password: string): string => password.normalize('NFKC');

export const hashPassword = (password: string): Promise<string> => hash(normalisePassword(password), OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const normalised = normalisePassword(password);
  if (await verifyRaw(stored, normalised)) return true;
  // Hashes written before passwords were normalised were taken over the text as typed. Only a
  // password that NFKC changes can differ, so the second argon2 run is rare; the dummy-hash path
  // for unknown e-mails takes the same branch, so timing still tells nothing about accounts.
  return normalised !== password && verifyRaw(stored, password);
}

async function verifyRaw(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when no user matched, so response time does not reveal which e-mails exist. */
let dummy: Promise<string> | undefined;
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword('not-a-real-password-riktning'));

/**
 * 15 characters: NIST SP 800-63B rev. 4 (§3.1.1.2) for a password that is the only factor, which it
 * is in Riktning (no MFA yet). Also above OWASP ASVS 4.0's 12. Counted in Unicode code points.
 */
export const MIN_PASSWORD_LENGTH = 15;
/** NIST asks that at least 64 be allowed; OWASP ASVS 4.0 (2.1.2) that more than 128 be refused. */
export const MAX_PASSWORD_LENGTH = 128;
