export const USER_ROLES = ['officer', 'inspector', 'admin'] as const;
/** What a signed-in user may do: collection officer, inspector, administrator. */
export type UserRole = (typeof USER_ROLES)[number];
