import { randomUUID } from 'node:crypto';
import { type Database, sqlStateOfError, withUser } from '@promptnx/db';
import type { Me, UpdateMe } from '@promptnx/schema';
import { AppError } from '../../lib/errors.js';
import { type Account, accountClaims } from '../../plugins/authenticate.js';
import { type Storage, storageKey } from '../storage/local-storage.js';
import { makeAvatar } from './avatar.js';
import { findOwnProfile, type OwnProfileRow, updateProfileFields } from './queries.js';

const AVATAR_URL_TTL = 24 * 3600;

function toMe(row: OwnProfileRow, storage: Storage): Me {
  return {
    id: row.id,
    email: row.email ?? '',
    username: row.username,
    displayName: row.displayName,
    bio: row.bio,
    avatarUrl: row.avatarPath ? storage.signedUrl(row.avatarPath, AVATAR_URL_TTL) : null,
    links: row.links,
    role: row.role,
    status: row.status,
    suspendedReason: row.status === 'suspended' ? row.suspendedReason : null,
    seller: row.sellerStatus
      ? {
          status: row.sellerStatus,
          chargesEnabled: row.chargesEnabled ?? false,
          payoutsEnabled: row.payoutsEnabled ?? false,
          headline: row.headline ?? '',
        }
      : null,
    createdAt: row.createdAt.toISOString(),
  };
}

const isUniqueViolation = (error: unknown) => sqlStateOfError(error) === '23505';

export function createProfileService(db: Database, storage: Storage) {
  async function getMe(account: Account): Promise<Me> {
    const row = await findOwnProfile(db, account.id);
    if (!row) throw new AppError('NOT_FOUND', 'the profile was not found');
    return toMe(row, storage);
  }

  return {
    getMe,

    /** Writes only what the user may change, as the user (RLS and column grants apply). */
    async updateMe(account: Account, changes: UpdateMe): Promise<Me> {
      // Nothing to write (an empty PATCH): Drizzle refuses an empty SET.
      if (Object.keys(changes).length === 0) return getMe(account);
      try {
        await withUser(db, accountClaims(account), (tx) =>
          updateProfileFields(tx, account.id, changes),
        );
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError('USERNAME_TAKEN', `the username '${changes.username}' is taken`, [
            { field: 'username', message: 'is taken' },
          ]);
        }
        throw error;
      }
      return getMe(account);
    },

    /** Stores a checked, resized avatar and drops the old file once the row points at the new one. */
    async setAvatar(account: Account, bytes: Uint8Array): Promise<Me> {
      const avatar = await makeAvatar(bytes);
      const before = await findOwnProfile(db, account.id);
      const key = storageKey(account.id, 'avatars', randomUUID(), 'webp');
      await storage.put(key, avatar, 'image/webp');
      try {
        await withUser(db, accountClaims(account), (tx) =>
          updateProfileFields(tx, account.id, { avatarPath: key }),
        );
      } catch (error) {
        // The database error is the one to report; a failed clean-up must not hide it.
        await storage.remove(key).catch(() => {});
        throw error;
      }
      if (before?.avatarPath) await storage.remove(before.avatarPath).catch(() => {});
      return getMe(account);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
