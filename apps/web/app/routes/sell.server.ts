import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { assertCsrf } from '../lib/csrf.server';
import { loadMe } from '../lib/me.server';
import { rememberSeller } from '../lib/seller-dashboard.server';
import { requireUser, signedOutRedirect } from '../lib/session.server';

export interface SellActionData {
  formError?: string;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const me = await loadMe(request, user, session);
  return data(
    {
      status: me.status,
      suspendedReason: me.suspendedReason,
      seller: me.seller,
    },
    // Sellers get the dashboard and payouts links in the header from now on.
    { headers: await rememberSeller({ user, session, headers }, me.seller !== null) },
  );
}

// Starts seller onboarding, or continues it: in production the API answers with Stripe's
// hosted onboarding page; embedded mode enables the seller at once.
export async function action({ request }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  try {
    const { onboardingUrl } = await createApiClient(
      request,
      user.accessToken,
    ).sellers.startOnboarding();
    if (onboardingUrl) {
      const url = new URL(onboardingUrl);
      if (url.protocol === 'https:' || url.protocol === 'http:') {
        throw redirect(url.href, { headers });
      }
      console.warn(`[web] seller onboarding: ignored an onboarding URL that is not http(s)`);
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof ApiError) {
      if (error.status === 401) throw await signedOutRedirect(request, session);
      if (error.code === 'ACCOUNT_SUSPENDED') {
        return data<SellActionData>(
          { formError: 'Your account is suspended, so you cannot start selling.' },
          { status: 403, headers },
        );
      }
      if (error.code === 'PAYMENTS_UNAVAILABLE' || isApiOutage(error)) {
        console.warn(`[web] seller onboarding: ${error.message}`);
        return data<SellActionData>(
          { formError: 'Payments are unavailable right now. Please try again in a few minutes.' },
          { status: 503, headers },
        );
      }
      return data<SellActionData>({ formError: error.message }, { status: error.status, headers });
    }
    if (isApiOutage(error)) {
      console.warn(`[web] seller onboarding: ${(error as Error).message}`);
      return data<SellActionData>(
        { formError: 'We could not reach PromptNX. Please try again in a moment.' },
        { status: 503, headers },
      );
    }
    throw error;
  }
  throw redirect('/sell', { headers });
}
