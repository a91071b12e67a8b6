/** The largest profile picture the storefront accepts (the API checks it again). */
export const MAX_AVATAR_BYTES = 5 * 1024 * 1024;

/** Why an upload failed, as the no-JS fallback carries it back in `?avatarError=`. */
export const AVATAR_ERRORS = {
  missing: 'Choose a picture to upload.',
  'too-large': 'The picture must be 5 MB or smaller.',
  type: 'That file is not a picture we can use. Try a PNG, JPEG or WebP image.',
  suspended: 'A suspended account cannot change its picture.',
  unavailable: 'The upload failed. Please try again in a moment.',
} as const;

export type AvatarErrorCode = keyof typeof AVATAR_ERRORS;

export function avatarErrorMessage(code: string | null): string | null {
  return code && code in AVATAR_ERRORS ? AVATAR_ERRORS[code as AvatarErrorCode] : null;
}
