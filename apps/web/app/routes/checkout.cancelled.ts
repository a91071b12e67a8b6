// A resource route: where the payment page's "cancel" sends the buyer (GET only).
export { loader } from './checkout.cancelled.server';
