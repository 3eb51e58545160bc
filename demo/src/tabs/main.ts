import { createSharedChat } from '@gws-chat/core/tabs'
import { mountChat } from '@gws-chat/dom'
import { demoChatOptions } from '../setup'

// One engine for all the tabs of this browser: the leader tab polls, the others mirror it and forward their commands.
const chat = createSharedChat(await demoChatOptions())

mountChat(document.querySelector('#chat')!, chat, { nickname: 'Chris' })

const roles = {
  leader: 'This tab is the leader: it polls the server for every tab.',
  follower: 'This tab is a follower: it shows what the leader tab receives.',
  solo: 'This browser cannot share a chat between tabs: this tab polls on its own.',
}
const line = document.querySelector<HTMLElement>('#tab-role')!
const showRole = () => {
  line.dataset.role = chat.role
  line.textContent = roles[chat.role]
}
showRole()
chat.onRoleChange(showRole)
