import { ASSET_MAX_BYTES, ASSETS_PER_PROMPT } from '@promptnx/schema';
import { useRevalidator } from '@remix-run/react';
import { type FormEvent, useId, useState } from 'react';
import {
  ASSET_ACCEPT,
  ASSET_MAX_MB,
  FILES_PER_POST,
  fileErrorMessage,
  isAssetType,
  UPLOAD_ERRORS,
  type UploadAnswer,
} from '../lib/prompt-assets';
import { CsrfInput } from './csrf-input';

type FileStatus =
  | { state: 'waiting' }
  | { state: 'uploading'; percent: number }
  | { state: 'done' }
  | { state: 'failed'; message: string };

interface FileItem {
  key: string;
  name: string;
  status: FileStatus;
}

/** Sends one image to the upload route, reporting its progress; resolves with the answer. */
function sendFile(
  action: string,
  fields: FormData,
  file: File,
  onProgress: (percent: number) => void,
): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const body = new FormData();
    for (const [name, value] of fields) if (name !== 'file') body.append(name, value);
    body.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', action);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (progress) => {
      if (progress.lengthComputable && progress.total > 0) {
        onProgress(Math.min(100, Math.round((progress.loaded / progress.total) * 100)));
      }
    });
    xhr.addEventListener('load', () => {
      const answer = xhr.response as UploadAnswer | null;
      if (answer && typeof answer === 'object' && 'ok' in answer) return resolve(answer);
      resolve({ ok: false, code: 'unavailable', error: UPLOAD_ERRORS.unavailable });
    });
    xhr.addEventListener('error', () =>
      resolve({ ok: false, code: 'unavailable', error: UPLOAD_ERRORS.unavailable }),
    );
    xhr.send(body);
  });
}

/**
 * The example-output upload. Without JavaScript it is a plain multipart post of up to
 * FILES_PER_POST images to /sell/prompts/:id/assets; with it, each image goes in its own
 * XMLHttpRequest so the page shows its progress, then the editor's data is reloaded.
 */
export function AssetUploader({
  action,
  versions,
  assetCount,
  serverError,
}: {
  action: string;
  versions: { id: string; version: number }[];
  assetCount: number;
  serverError: string | null;
}) {
  const id = useId();
  const revalidator = useRevalidator();
  const [items, setItems] = useState<FileItem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function setStatus(key: string, status: FileStatus) {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, status } : item)));
  }

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = form.elements.namedItem('file');
    const files = input instanceof HTMLInputElement ? [...(input.files ?? [])] : [];
    setFormError(null);
    if (files.length === 0) return setFormError(UPLOAD_ERRORS.missing);
    if (assetCount + files.length > ASSETS_PER_PROMPT) return setFormError(UPLOAD_ERRORS.limit);

    const batch = Date.now().toString(36);
    const queue = files.map((file, index) => ({ key: `${batch}-${index}`, file }));
    setItems(
      queue.map(({ key, file }) => ({ key, name: file.name, status: { state: 'waiting' } })),
    );
    setBusy(true);
    const fields = new FormData(form);
    let uploaded = 0;
    for (const { key, file } of queue) {
      // Refusals the browser can see for itself; the bytes are judged by the API.
      if (file.size > ASSET_MAX_BYTES) {
        setStatus(key, { state: 'failed', message: fileErrorMessage(file.name, 'too-large') });
        continue;
      }
      if (!isAssetType(file.type)) {
        setStatus(key, { state: 'failed', message: fileErrorMessage(file.name, 'type') });
        continue;
      }
      setStatus(key, { state: 'uploading', percent: 0 });
      const answer = await sendFile(form.action, fields, file, (percent) =>
        setStatus(key, { state: 'uploading', percent }),
      );
      if (answer.ok) {
        uploaded += 1;
        setStatus(key, { state: 'done' });
      } else {
        const message =
          answer.code === 'too-large' || answer.code === 'type'
            ? fileErrorMessage(file.name, answer.code)
            : `“${file.name}”: ${answer.error}`;
        setStatus(key, { state: 'failed', message });
      }
    }
    setBusy(false);
    if (uploaded > 0) {
      form.reset();
      revalidator.revalidate();
    }
  }

  const error = formError ?? (items.length === 0 ? serverError : null);
  const full = assetCount >= ASSETS_PER_PROMPT;
  return (
    <form
      method="post"
      action={action}
      encType="multipart/form-data"
      className="form upload-form"
      onSubmit={upload}
      data-testid="asset-upload"
    >
      <CsrfInput />
      <div className="field">
        <label htmlFor={`${id}-file`}>Example images</label>
        <p id={`${id}-hint`} className="field-hint">
          PNG, JPEG or WebP, up to {ASSET_MAX_MB} MB each; choose one or several (up to{' '}
          {FILES_PER_POST} at a time without JavaScript). {assetCount} of {ASSETS_PER_PROMPT} used.
        </p>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept={ASSET_ACCEPT}
          multiple
          required
          disabled={full}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
        {error ? (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-alt`}>Alt text</label>
          <input
            id={`${id}-alt`}
            name="altText"
            type="text"
            maxLength={300}
            aria-describedby={`${id}-alt-hint`}
          />
          <p id={`${id}-alt-hint`} className="field-hint">
            What the images show, for people who cannot see them. You can change it per image later.
          </p>
        </div>
        {versions.length > 0 ? (
          <div className="field">
            <label htmlFor={`${id}-version`}>Made with</label>
            <select id={`${id}-version`} name="versionId" defaultValue="">
              <option value="">Any version</option>
              {versions.map((version) => (
                <option key={version.id} value={version.id}>
                  Version {version.version}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {items.length > 0 ? (
        <ul className="upload-list" aria-label="Uploads" data-testid="upload-list">
          {items.map((item) => (
            <UploadRow key={item.key} item={item} />
          ))}
        </ul>
      ) : null}
      <button type="submit" className="button button-secondary" disabled={busy || full}>
        {busy ? 'Uploading…' : 'Upload images'}
      </button>
    </form>
  );
}

function UploadRow({ item }: { item: FileItem }) {
  const id = useId();
  const { status } = item;
  const percent = status.state === 'done' ? 100 : status.state === 'uploading' ? status.percent : 0;
  return (
    <li className={`upload-item upload-${status.state}`} data-testid="upload-item">
      <div className="upload-progress">
        <label htmlFor={id}>
          {item.name}:{' '}
          {status.state === 'waiting'
            ? 'waiting'
            : status.state === 'uploading'
              ? `uploading… ${percent}%`
              : status.state === 'done'
                ? 'uploaded, 100%'
                : 'not uploaded'}
        </label>
        {status.state === 'failed' ? null : (
          <progress id={id} max={100} value={percent}>
            {percent}%
          </progress>
        )}
      </div>
      {status.state === 'failed' ? (
        <p className="field-error" role="alert">
          {status.message}
        </p>
      ) : null}
    </li>
  );
}
