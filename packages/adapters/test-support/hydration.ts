/** What the bindings' hydration tests share: a browser's storage holding a live chat, and engines that restore it. */
import { createChat, type Chat, type ChatStorage, type HttpAdapter } from '@gws-chat/core'
import { persistChat } from '@gws-chat/core/persistence'
import { createFakeHttp } from './fakes'

export const RECORD_KEY = 'gws-chat:hydration'

export function memoryStorage(): ChatStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

/** What the engine writes to storage for a chat with an agent (see core's persistence/record.ts). */
export function persistedChat(): string {
  const now = Date.now()
  return JSON.stringify({
    v: 2,
    location: { id: 'chat-1', chat: '/api/v2/chats/chat-1', messages: '/api/v2/chats/chat-1/messages' },
    status: 'connected',
    ownParticipantId: '1',
    participants: [{ nickname: 'Ava', participantId: '2', type: 'Agent' }],
    lastIndex: 0,
    outbox: [],
    startedAt: now - 60_000,
    savedAt: now - 1_000,
  })
}

/** An engine over `storage` (a stored record resumes at once), kept in `engines` so the test can destroy it. */
export function restoringEngine(engines: Chat[], storage: ChatStorage, http: HttpAdapter = createFakeHttp().http): Chat {
  const chat = createChat({
    baseUrl: 'https://gws.test',
    contactCenterId: 'cc',
    http,
    persistence: persistChat({ storage, key: RECORD_KEY }),
    polling: { intervalMs: 50, activeIntervalMs: 50 },
  })
  engines.push(chat)
  return chat
}
