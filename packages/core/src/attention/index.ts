export { titleBadge, type TitleBadgeOptions } from './title'
export { attentionSound, type AttentionSoundOptions } from './sound'
export { desktopNotifications, requestNotificationPermission, type DesktopNotificationOptions } from './notifications'
