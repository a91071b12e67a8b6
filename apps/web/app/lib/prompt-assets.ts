import { ASSET_MAX_BYTES, ASSETS_PER_PROMPT } from '@promptnx/schema';

// Example outputs of a prompt: what the editor's upload accepts and how it words a refusal.
// Shared by the upload route (server) and the upload script (browser).

export const ASSET_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const ASSET_ACCEPT = ASSET_TYPES.join(',');
export const ASSET_MAX_MB = ASSET_MAX_BYTES / 1024 / 1024;

/** Files one no-JavaScript post may carry (the script sends one file per request). */
export const FILES_PER_POST = 4;

/** Why an upload failed, as the no-JS fallback carries it back in `?uploadError=`. */
export const UPLOAD_ERRORS = {
  missing: 'Choose one or more images to upload.',
  'too-large': `Each image must be ${ASSET_MAX_MB} MB or smaller.`,
  'too-many-files': `Upload at most ${FILES_PER_POST} images at once.`,
  type: 'That file is not an image we can use. Upload a PNG, JPEG or WebP image.',
  limit: `A prompt can have at most ${ASSETS_PER_PROMPT} example outputs.`,
  refused: 'These images cannot be added to this prompt right now.',
  expired: 'This form has expired. Reload the page and try again.',
  session: 'Your session has ended. Sign in again to upload images.',
  suspended: 'A suspended account cannot upload images.',
  unavailable: 'The upload failed. Please try again in a moment.',
} as const;

export type UploadErrorCode = keyof typeof UPLOAD_ERRORS;

export function uploadErrorMessage(code: string | null): string | null {
  return code && code in UPLOAD_ERRORS ? UPLOAD_ERRORS[code as UploadErrorCode] : null;
}

/** The message for one refused file, naming it. */
export function fileErrorMessage(fileName: string, code: UploadErrorCode): string {
  switch (code) {
    case 'too-large':
      return `“${fileName}” is larger than ${ASSET_MAX_MB} MB.`;
    case 'type':
      return `“${fileName}” is not a PNG, JPEG or WebP image.`;
    default:
      return UPLOAD_ERRORS[code];
  }
}

export function isAssetType(type: string): boolean {
  return (ASSET_TYPES as readonly string[]).includes(type);
}

/** What the upload route answers a script. */
export type UploadAnswer =
  | { ok: true; assetIds: string[] }
  | { ok: false; code: UploadErrorCode; error: string };
