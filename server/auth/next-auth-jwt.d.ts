/** What Clearance keeps in next-auth's session token (options.ts writes it; lifetime.ts and recheck.ts read it). */
import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    groups?: string[];
    emailVerified?: boolean;
    /** Session id: what sign-out revokes. */
    sid?: string;
    /** Sign-in time, seconds since the epoch: the absolute lifetime counts from here. */
    authTime?: number;
    /** When the provider last confirmed the user and their groups. */
    checkedAt?: number;
    accessToken?: string;
    accessExpiresAt?: number;
    refreshToken?: string;
  }
}
