import type { TranscriptEntry } from '@gws-chat/core'
import { createFakeChat } from './fakes'

/** The two people of the ready-component tests, and their messages. */
export const ava = { nickname: 'Ava', participantId: '2', type: 'Agent' }
export const chris = { nickname: 'Chris', participantId: '1', type: 'Customer' }
export const text = (index: number, from: typeof ava, words: string) => ({ index, type: 'Text', from, text: words, time: 0 }) as TranscriptEntry
export const connected = (...transcript: TranscriptEntry[]) =>
  createFakeChat({ status: 'connected', visitorId: '1', participants: [chris, ava], transcript })

/** What a visitor reads in the widget: each entry's text, and which widgets exist. */
export const messages = (root: ParentNode) => [...root.querySelectorAll('[part~=message] [part~=text]')].map((node) => node.textContent)
export const widgets = (root: ParentNode) => root.querySelectorAll('[part~=root]')
