import { createApp } from 'vue'
import { createChat } from '@gws-chat/core'
import App from './App.vue'
import { demoChatOptions } from '../setup'

// Created once, outside any component: components only subscribe to it.
const chat = createChat(await demoChatOptions())

createApp(App, { chat }).mount('#chat')
