import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createChat } from '@gws-chat/core'
import { App } from './App'
import { demoChatOptions } from '../setup'

// Created once, outside React: StrictMode's double mount cannot start a second chat.
const chat = createChat(await demoChatOptions())

createRoot(document.querySelector('#chat')!).render(
  <StrictMode>
    <App chat={chat} />
  </StrictMode>,
)
