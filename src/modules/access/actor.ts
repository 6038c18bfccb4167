/** Who did something, as the audit trail records it: a signed-in user, or the system (CLI, seeder, job). */
export interface Actor {
  userId: string | null;
  email: string | null;
  ip: string | null;
}

/** The command line, the demo seeder, a job: no signed-in user. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: null, email: null, ip: null });
