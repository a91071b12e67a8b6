import type { EditorAsset } from '@promptnx/schema';
import { Form, useNavigation } from '@remix-run/react';
import { useId } from 'react';
import { CsrfInput } from './csrf-input';

/**
 * The example outputs in the editor: thumbnails with their alt text, which can be changed,
 * and a delete button each (both only when the prompt can be edited).
 */
export function AssetGallery({
  assets,
  versions,
  editable,
  errors,
}: {
  assets: EditorAsset[];
  versions: { id: string; version: number }[];
  editable: boolean;
  /** An alt-text error from the last post, by asset id. */
  errors: Record<string, string>;
}) {
  const navigation = useNavigation();
  const pendingAsset =
    navigation.state === 'submitting' ? navigation.formData?.get('assetId') : null;
  const versionOf = new Map(versions.map((v) => [v.id, v.version]));
  if (assets.length === 0) {
    return (
      <p className="muted" data-testid="no-assets">
        No example outputs yet. Buyers decide by them: add a few images the prompt made.
      </p>
    );
  }
  return (
    <ul className="asset-grid" aria-label="Example outputs" data-testid="asset-list">
      {assets.map((asset, index) => (
        <AssetItem
          key={asset.id}
          asset={asset}
          index={index}
          version={asset.versionId ? versionOf.get(asset.versionId) : undefined}
          editable={editable}
          busy={pendingAsset === asset.id}
          error={errors[asset.id]}
        />
      ))}
    </ul>
  );
}

function AssetItem({
  asset,
  index,
  version,
  editable,
  busy,
  error,
}: {
  asset: EditorAsset;
  index: number;
  version: number | undefined;
  editable: boolean;
  busy: boolean;
  error: string | undefined;
}) {
  const id = useId();
  const label = `example ${index + 1}`;
  const width = 240;
  const height = asset.width > 0 ? Math.round((width * asset.height) / asset.width) : width;
  return (
    <li className="asset-item" data-testid="asset-item">
      <a href={asset.url} className="asset-thumb">
        <img
          src={asset.thumbnailUrl ?? asset.url}
          alt={asset.altText || `Example output ${index + 1}`}
          width={width}
          height={height}
          loading="lazy"
          decoding="async"
        />
        <span className="visually-hidden"> (full size)</span>
      </a>
      <p className="asset-meta muted">
        {asset.width}×{asset.height} · {Math.max(1, Math.round(asset.sizeBytes / 1024))} KB
        {version !== undefined ? ` · version ${version}` : ''}
      </p>
      {editable ? (
        <>
          <Form method="post" className="asset-alt-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="update-asset" />
            <input type="hidden" name="assetId" value={asset.id} />
            <label htmlFor={`${id}-alt`} className="visually-hidden">
              Alt text of {label}
            </label>
            <input
              id={`${id}-alt`}
              name="altText"
              type="text"
              maxLength={300}
              placeholder="Alt text"
              defaultValue={asset.altText}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            <button
              type="submit"
              className="button button-secondary button-compact"
              disabled={busy}
            >
              Save<span className="visually-hidden"> alt text of {label}</span>
            </button>
          </Form>
          {error ? (
            <p id={`${id}-error`} className="field-error">
              {error}
            </p>
          ) : null}
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="delete-asset" />
            <input type="hidden" name="assetId" value={asset.id} />
            <button type="submit" className="button-link danger-link" disabled={busy}>
              Delete<span className="visually-hidden"> {label}</span>
            </button>
          </Form>
        </>
      ) : asset.altText ? (
        <p className="asset-alt">{asset.altText}</p>
      ) : null}
    </li>
  );
}
