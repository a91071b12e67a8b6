export {
  type FakeMeilisearch,
  type FakeMeilisearchOptions,
  type FakeSettings,
  type RecordedMeiliRequest,
  startFakeMeilisearch,
  type TaskFailure,
  tokenize,
} from './fake-meilisearch.js';
export { clearOutbox, queuedPromptIds } from './outbox.js';
