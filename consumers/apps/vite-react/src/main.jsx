import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createChat } from '@gws-chat/core'
import { persistChat } from '@gws-chat/core/persistence'
import { ChatWidget } from '@gws-chat/react'

// Created once, outside React: StrictMode's double mount cannot start a second chat.
const chat = createChat({
  baseUrl: import.meta.env.VITE_GWS_BASE_URL, // e.g. https://gws.example.com
  contactCenterId: import.meta.env.VITE_GWS_CONTACT_CENTER_ID,
  persistence: persistChat(), // a reload resumes the chat (sessionStorage)
})

createRoot(document.querySelector('#root')).render(
  <StrictMode>
    <ChatWidget chat={chat} />
  </StrictMode>,
)
