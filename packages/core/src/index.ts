export { createChat, chatCommands, type ChatCommands, ChatCommandError, type Chat, type ChatActor, type ChatLike } from './chat'
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
export { createChatMachine, type ChatMachine, type ChatMachineDeps, type ChatContext, type ChatMachineEvent, type RestoredChat } from './machine/chat.machine'
export { nextPollDelay, resolvePolling, DEFAULT_POLLING, type PollInputs, type ResolvedPollingOptions } from './machine/polling-policy'
export { createChatStore, type ChatStore, type ChatStoreContext } from './store/chat-store'
export { composeSnapshot, idleSnapshot } from './snapshot'
export { isLive } from './types'
export { entryAuthor, isAgent, isCustomer, isReadable, isVisitorEntry, isWebUrl } from './store/transcript'
