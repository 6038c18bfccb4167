import argon2 from 'argon2';

/**
 * argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane): strong enough for passwords, cheap enough
 * for a 2-core server. The PHC string carries salt and parameters, so raising them later only needs
 * new hashes, not a migration.
 */
const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed hash never signs anyone in
  }
}

/** A hash of nothing anyone knows: verified against when the email is unknown, so timing tells nothing. */
let decoy: Promise<string> | undefined;
export async function burnVerify(password: string): Promise<void> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  await verifyPassword(await decoy, password);
}

/** Why a password is refused: a stable reason (the console's catalogue words it) and an English text. */
export interface PasswordProblem {
  reason: 'too-short' | 'too-long' | 'too-few-characters' | 'contains-email';
  message: string;
}

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): PasswordProblem | undefined {
  if (password.length < PASSWORD_MIN_LENGTH)
    return {
      reason: 'too-short',
      message: `The password needs at least ${PASSWORD_MIN_LENGTH} characters`,
    };
  if (password.length > PASSWORD_MAX_LENGTH)
    return {
      reason: 'too-long',
      message: `The password may have at most ${PASSWORD_MAX_LENGTH} characters`,
    };
  if (new Set(password).size < 4)
    return {
      reason: 'too-few-characters',
      message: 'The password repeats too few different characters',
    };
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && password.toLowerCase().includes(local))
    return { reason: 'contains-email', message: 'The password must not contain the email name' };
  return undefined;
}
