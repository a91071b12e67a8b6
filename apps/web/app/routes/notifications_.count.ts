// A resource route: the bell's unread count as JSON, fetched by components/notification-bell.tsx.
export { loader } from './notifications_.count.server';
