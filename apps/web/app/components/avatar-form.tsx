import { useRevalidator } from '@remix-run/react';
import { type FormEvent, useState } from 'react';
import { AVATAR_ERRORS, MAX_AVATAR_BYTES } from '../lib/avatar';
import { CsrfInput } from './csrf-input';

type Status =
  | { kind: 'idle' }
  | { kind: 'uploading'; progress: number }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

/**
 * The profile picture form. Without JavaScript it is a plain multipart post to
 * /account/avatar; with it, the upload runs through XMLHttpRequest so the page can show
 * its progress, then the account data is reloaded.
 */
export function AvatarForm({ serverError }: { serverError: string | null }) {
  const revalidator = useRevalidator();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  function upload(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const input = form.elements.namedItem('avatar');
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    event.preventDefault();
    if (!file) return setStatus({ kind: 'failed', message: AVATAR_ERRORS.missing });
    if (file.size > MAX_AVATAR_BYTES) {
      return setStatus({ kind: 'failed', message: AVATAR_ERRORS['too-large'] });
    }

    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (progress) => {
      if (progress.lengthComputable) {
        setStatus({ kind: 'uploading', progress: progress.loaded / progress.total });
      }
    });
    xhr.addEventListener('load', () => {
      const body = xhr.response as { ok?: boolean; error?: string } | null;
      if (xhr.status >= 200 && xhr.status < 300 && body?.ok) {
        setStatus({ kind: 'done' });
        form.reset();
        revalidator.revalidate();
      } else {
        setStatus({ kind: 'failed', message: body?.error ?? AVATAR_ERRORS.unavailable });
      }
    });
    xhr.addEventListener('error', () =>
      setStatus({ kind: 'failed', message: AVATAR_ERRORS.unavailable }),
    );
    setStatus({ kind: 'uploading', progress: 0 });
    xhr.send(new FormData(form));
  }

  const error =
    status.kind === 'failed' ? status.message : status.kind === 'idle' ? serverError : null;
  return (
    <form
      method="post"
      action="/account/avatar"
      encType="multipart/form-data"
      className="form"
      onSubmit={upload}
    >
      <CsrfInput />
      <div className="field">
        <label htmlFor="avatar-file">Choose a picture</label>
        <p id="avatar-hint" className="field-hint">
          PNG, JPEG or WebP, up to 5 MB.
        </p>
        <input
          id="avatar-file"
          name="avatar"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'avatar-hint avatar-error' : 'avatar-hint'}
        />
        {error ? (
          <p id="avatar-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {status.kind === 'uploading' ? (
        <div className="upload-progress">
          <label htmlFor="avatar-progress">Uploading… {Math.round(status.progress * 100)}%</label>
          <progress id="avatar-progress" max={1} value={status.progress} />
        </div>
      ) : null}
      {status.kind === 'done' ? (
        <p className="field-success" role="status">
          Your new picture is saved.
        </p>
      ) : null}
      <button
        type="submit"
        className="button button-secondary"
        disabled={status.kind === 'uploading'}
      >
        Upload picture
      </button>
    </form>
  );
}
