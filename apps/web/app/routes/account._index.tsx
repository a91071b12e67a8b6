import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AvatarForm } from '../components/avatar-form';
import { CsrfInput } from '../components/csrf-input';
import { FormError, Notice, TextAreaField, TextField } from '../components/form-fields';
import { MAX_LINKS } from '../lib/profile-form';
import type { action, loader, ProfileValues } from './account._index.server';

export { action, loader } from './account._index.server';

export const meta: MetaFunction = () => [{ title: 'Your account — PromptNX' }];

export default function AccountPage() {
  const { me, saved, avatarError } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors = result?.errors ?? {};
  const values: ProfileValues = result?.values ?? {
    displayName: me.displayName,
    username: me.username ?? '',
    bio: me.bio,
    links: me.links,
  };
  const rows = Array.from(
    { length: MAX_LINKS },
    (_, i) => values.links[i] ?? { label: '', url: '' },
  );

  return (
    <>
      <h1>Your account</h1>
      {me.status === 'suspended' ? (
        <div className="alert alert-error" role="alert" data-testid="suspended-banner">
          <p>
            <strong>Your account is suspended.</strong> You can still sign in, but you cannot change
            your profile, buy or sell.
          </p>
          {me.suspendedReason ? <p>Reason: {me.suspendedReason}</p> : null}
        </div>
      ) : null}
      {result ? null : <Notice>{saved}</Notice>}

      <div className="account-grid">
        <section className="panel" aria-labelledby="profile-title">
          <h2 id="profile-title">Profile</h2>
          <FormError>{result?.formError}</FormError>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <TextField
              label="Display name"
              name="displayName"
              autoComplete="nickname"
              required
              maxLength={80}
              defaultValue={values.displayName}
              error={errors.displayName}
            />
            <TextField
              label="Username"
              name="username"
              autoComplete="username"
              pattern="[a-zA-Z0-9_]{3,30}"
              hint="3–30 letters, digits or underscores; your profile address."
              defaultValue={values.username}
              error={errors.username}
            />
            <TextAreaField
              label="Bio"
              name="bio"
              rows={5}
              maxLength={2000}
              defaultValue={values.bio}
              error={errors.bio}
            />
            <fieldset className="links-fieldset" aria-describedby="links-hint">
              <legend>Links</legend>
              <p id="links-hint" className="field-hint">
                Up to {MAX_LINKS}: a label and an http(s) address each.
              </p>
              {errors.links ? <p className="field-error">{errors.links}</p> : null}
              {rows.map((link, row) => (
                // The rows are a fixed list of slots, so the index is their identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: fixed slots
                <div className="link-row" key={row}>
                  <TextField
                    label={`Link ${row + 1} label`}
                    name={`links.${row}.label`}
                    maxLength={40}
                    defaultValue={link.label}
                    error={errors[`links.${row}.label`]}
                  />
                  <TextField
                    label={`Link ${row + 1} address`}
                    name={`links.${row}.url`}
                    type="url"
                    inputMode="url"
                    placeholder="https://"
                    defaultValue={link.url}
                    error={errors[`links.${row}.url`]}
                  />
                </div>
              ))}
            </fieldset>
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Saving…' : 'Save profile'}
            </button>
          </Form>
        </section>

        <div className="stack">
          <section className="panel" aria-labelledby="avatar-title">
            <h2 id="avatar-title">Picture</h2>
            {me.avatarUrl ? (
              <img
                className="avatar"
                src={me.avatarUrl}
                alt="Your profile"
                width={128}
                height={128}
                data-testid="avatar"
              />
            ) : (
              <p className="avatar avatar-empty" aria-hidden="true">
                {(me.displayName || me.email).slice(0, 1).toUpperCase()}
              </p>
            )}
            <AvatarForm serverError={avatarError} />
          </section>

          <section className="panel" aria-labelledby="signin-title">
            <h2 id="signin-title">Sign-in</h2>
            <dl className="facts">
              <dt>E-mail</dt>
              <dd>{me.email}</dd>
              <dt>Member since</dt>
              <dd>
                {new Date(me.createdAt).toLocaleDateString('en', {
                  dateStyle: 'long',
                  timeZone: 'UTC',
                })}
              </dd>
            </dl>
            <p>
              <Link to="/account/password">Change your password</Link>
            </p>
          </section>

          <section className="panel" aria-labelledby="notifications-title">
            <h2 id="notifications-title">Notifications</h2>
            <p>
              <Link to="/notifications">Your notifications</Link> ·{' '}
              <Link to="/account/notifications">Choose what is e-mailed</Link>
            </p>
          </section>

          <section className="panel" aria-labelledby="selling-title">
            <h2 id="selling-title">Selling</h2>
            <p>
              {me.seller ? me.seller.headline : 'Sell your own prompts on PromptNX.'}{' '}
              <Link to="/sell">{me.seller ? 'Your seller status' : 'Become a seller'}</Link>
            </p>
          </section>
        </div>
      </div>
    </>
  );
}
