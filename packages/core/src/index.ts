export { createChat, chatCommands, type ChatCommands, ChatCommandError, type Chat, type ChatActor, type ChatLike } from './chat'
export { MAX_MESSAGE_LENGTH } from './commands'
export { MAX_OUTBOX, MAX_RETRY_AFTER_MS, GAP_WAIT_POLLS } from './machine/limits'
export { MISSING_ENTRY, UNREADABLE_ENTRY } from './api/entries'
export type {
  ChatSnapshot,
  ChatStatus,
  ChatOptions,
  ChatEventMap,
  ChatEventType,
  ChatEvent,
  ConnectionState,
  EndReason,
  InspectObserver,
  OutboxMessage,
  OutboxStatus,
  Participant,
  PathFamily,
  PathTemplates,
  PollingOptions,
  StartParams,
  TranscriptEntry,
} from './types'
export { chatError, isChatError, isTransient, isAmbiguous, isChatGone, type ChatError, type ChatErrorCode } from './errors'
export type { HttpAdapter, HttpRequest, HttpResponse } from './http/types'
export { createFetchAdapter } from './http/fetch'
export { createOfetchAdapter } from './http/ofetch'
export { createApiClient, judge, parseRetryAfter, type ApiClient, type OperationName } from './api/client'
export { PATH_FAMILIES, locateChat, type ChatLocation } from './api/paths'
export { chatMachine, type ChatMachine, type ChatMachineInput, type ChatContext, type ChatMachineEvent, type RestoredChat } from './machine/chat.machine'
export type { EngineConfig } from './machine/config'
export { connectivityMachine } from './machine/connectivity.machine'
export { transcriptPollerMachine } from './machine/transcript-poller.machine'
export { chatStatePollerMachine } from './machine/chat-state-poller.machine'
export { outboxMachine } from './machine/outbox.machine'
export { typingMachine } from './machine/typing.machine'
export { completerMachine } from './machine/completer.machine'
export { MAX_SEND_ATTEMPTS, MAX_COMPLETE_ATTEMPTS, MAX_VERIFY_ATTEMPTS, MAX_DRAIN_FAILURES } from './machine/limits'
export { nextPollDelay, resolvePolling, DEFAULT_POLLING, type PollInputs, type ResolvedPollingOptions } from './machine/polling-policy'
export type { ChatStore, ChatStoreSnapshot, ChatStoreReadable, ChatStoreObserver } from './store/snapshot-store'
export type { ChatStorage, PersistenceOptions } from './types'
export { projectSnapshot, idleSnapshot } from './snapshot'
export { isLive } from './types'
export { entryAuthor, isAgent, isCustomer, isPlaceholder, isReadable, isVisitorEntry, isWebUrl, webLink } from './store/transcript'
export { realmLocks } from './machine/sender-claim'
