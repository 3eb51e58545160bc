/** Mounts the widget over a stand-in engine for a test; `cleanUp()` in `afterEach` removes every widget. */
import { vi } from 'vitest'
import type { TranscriptEntry } from '@gws-chat/core'
import { mountChat, type MountChatOptions } from '../src'
import { createFakeChat } from '../../test-support/fakes'

export const ava = { nickname: 'Ava', participantId: '2', type: 'Agent' }
export const chris = { nickname: 'Chris', participantId: '1', type: 'Customer' }
export const system = { nickname: 'system', participantId: '3', type: 'External' }
// Entries without a time unless the test gives one (the widget shows none then).
export const entry = (index: number, type: string, from = ava, extra: Partial<TranscriptEntry> & { time?: number } = {}): TranscriptEntry => ({ index, type, from, ...extra }) as TranscriptEntry

/** Gives a stand-in engine the attention commands (`markRead`, `setViewing`) as spies. */
export const attentive = <T extends object>(chat: T): T & { markRead: () => void; setViewing: (viewing: boolean) => void } =>
  Object.assign(chat, { markRead: vi.fn(), setViewing: vi.fn<(viewing: boolean) => void>() })

let unmounts: (() => void)[] = []
export function cleanUp() {
  unmounts.forEach((unmount) => unmount())
  unmounts = []
  document.body.replaceChildren()
}

/** A stand-in engine with the attention commands (`markRead`, `setViewing`) and an `unreadCount` in its snapshot. */
export function setup(initial: Parameters<typeof createFakeChat>[0] & { unreadCount?: number } = {}, options: MountChatOptions = {}) {
  const fake = createFakeChat(initial)
  const markRead = vi.fn(() => fake.update({ unreadCount: 0 } as never))
  const setViewing = vi.fn<(viewing: boolean) => void>()
  const chat = Object.assign(fake.chat, { markRead, setViewing })
  const host = document.createElement('div')
  document.body.append(host)
  let unmount = mountChat(host, chat, options)
  unmounts.push(() => unmount())
  const part = (name: string) => host.querySelector<HTMLElement>(`[part~="${name}"]`)!
  const parts = (name: string) => [...host.querySelectorAll<HTMLElement>(`[part~="${name}"]`)]
  const visible = (name: string) => !part(name).closest('[hidden]')
  const remount = (next: MountChatOptions) => {
    unmount()
    unmount = mountChat(host, chat, next)
  }
  return {
    ...fake,
    chat,
    host,
    unmount: () => unmount(),
    /** The value `mountChat` returned (callable, with `update`). */
    handle: () => unmount,
    remount,
    part,
    parts,
    visible,
    update: (patch: Parameters<typeof fake.update>[0] & { unreadCount?: number }) => fake.update(patch),
    message: () => host.querySelector<HTMLTextAreaElement>('textarea[name=message]')!,
  }
}
