import { createApp } from 'vue'
import { createChat } from '@gws-chat/core'
import { persistChat } from '@gws-chat/core/persistence'
import App from './App.vue'

// Created once, outside any component: components only subscribe to it.
const chat = createChat({
  baseUrl: import.meta.env.VITE_GWS_BASE_URL, // e.g. https://gws.example.com
  contactCenterId: import.meta.env.VITE_GWS_CONTACT_CENTER_ID,
  persistence: persistChat(), // a reload resumes the chat (sessionStorage)
})

createApp(App, { chat }).mount('#root')
