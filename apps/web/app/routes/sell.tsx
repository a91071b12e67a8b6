import type { Me } from '@promptnx/schema';
import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CsrfInput } from '../components/csrf-input';
import { FormError } from '../components/form-fields';
import type { action, loader } from './sell.server';

export { action, loader } from './sell.server';

export const meta: MetaFunction = () => [{ title: 'Sell your prompts — PromptNX' }];

type SellerState = NonNullable<Me['seller']>;

const STATUS_LABELS: Record<SellerState['status'], string> = {
  onboarding: 'Setting up',
  active: 'Active',
  restricted: 'Restricted',
  suspended: 'Suspended',
};

function nextStep(seller: SellerState): { text: string; continueOnboarding: boolean } {
  switch (seller.status) {
    case 'onboarding':
      return {
        text: 'Finish setting up your payout account so buyers can purchase your prompts.',
        continueOnboarding: true,
      };
    case 'restricted':
      return {
        text: 'Our payment provider needs more information before you can be paid.',
        continueOnboarding: true,
      };
    case 'suspended':
      return {
        text: 'Your seller account is suspended: your prompts are not for sale. Contact support to appeal.',
        continueOnboarding: false,
      };
    case 'active':
      return seller.payoutsEnabled
        ? { text: 'You are all set: publish your first prompt.', continueOnboarding: false }
        : {
            text: 'Payouts are not enabled yet: finish your payout details.',
            continueOnboarding: true,
          };
  }
}

export default function SellPage() {
  const { status, suspendedReason, seller } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const suspended = status === 'suspended';

  return (
    <>
      <section className="hero" aria-labelledby="sell-title">
        <h1 id="sell-title">Sell your prompts</h1>
        <p className="lead">
          Publish the prompts you have perfected, with versions and example outputs. Buyers pay
          through our payment provider; after the platform fee, your earnings are paid out to you
          once they clear a short holding period.
        </p>
      </section>

      {suspended ? (
        <div className="alert alert-error" role="alert" data-testid="suspended-banner">
          <p>
            <strong>Your account is suspended</strong>, so you cannot start or continue selling.
          </p>
          {suspendedReason ? <p>Reason: {suspendedReason}</p> : null}
        </div>
      ) : null}
      <FormError>{result?.formError}</FormError>

      {seller ? (
        <SellerStatus seller={seller} suspended={suspended} busy={busy} />
      ) : suspended ? null : (
        <section className="panel narrow" aria-labelledby="become-title">
          <h2 id="become-title">Become a seller</h2>
          <ol>
            <li>
              Set up your payout account (in production, with Stripe; it takes a few minutes).
            </li>
            <li>Write a prompt, add example outputs and submit it for review.</li>
            <li>Once it is published, buyers can find and buy it.</li>
          </ol>
          <Form method="post">
            <CsrfInput />
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Starting…' : 'Become a seller'}
            </button>
          </Form>
        </section>
      )}
    </>
  );
}

function SellerStatus({
  seller,
  suspended,
  busy,
}: {
  seller: SellerState;
  suspended: boolean;
  busy: boolean;
}) {
  const step = nextStep(seller);
  return (
    <section className="panel narrow" aria-labelledby="seller-title" data-testid="seller-status">
      <h2 id="seller-title">Your seller account</h2>
      <p>{seller.headline}</p>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="seller-state">{STATUS_LABELS[seller.status]}</dd>
        <dt>Charges</dt>
        <dd>{seller.chargesEnabled ? 'Enabled' : 'Not enabled yet'}</dd>
        <dt>Payouts</dt>
        <dd>{seller.payoutsEnabled ? 'Enabled' : 'Not enabled yet'}</dd>
      </dl>
      {suspended ? null : (
        <p className="form-inline" data-testid="seller-prompts-links">
          <Link to="/sell/prompts" className="button button-secondary">
            Your prompts
          </Link>
          <Link to="/sell/prompts/new">New prompt</Link>
          <Link to="/sell/dashboard">Dashboard</Link>
          <Link to="/sell/payouts">Payouts</Link>
        </p>
      )}
      <h3>Next step</h3>
      <p>{step.text}</p>
      {step.continueOnboarding && !suspended ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Opening…' : 'Continue setup'}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
