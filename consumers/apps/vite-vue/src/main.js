import { createApp } from 'vue'
import { createChat } from '@gws-chat/core'
import App from './App.vue'

// The simulator's URL comes from the query string (?sim=…); the engine is created once, outside any component.
const baseUrl = new URLSearchParams(location.search).get('sim')
const chat = createChat({ baseUrl, contactCenterId: 'demo', persistence: false, polling: { intervalMs: 100 } })
window.chat = chat

createApp(App, { chat }).mount('#root')
