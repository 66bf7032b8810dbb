// Password hashing with argon2id (OWASP's first choice) and the rules for a new password.
import { hash, verify } from '@node-rs/argon2';

// Algorithm 2 = Argon2id; memory and time cost as OWASP's recommended minimum (19 MiB, t=2).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when no user matched, so response time does not reveal which e-mails exist. */
let dummy: Promise<string> | undefined;
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword('not-a-real-password-riktning'));

export const MIN_PASSWORD_LENGTH = 12;
