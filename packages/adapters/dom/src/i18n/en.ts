import { defaultLabels, type ChatLabels } from '../labels'

export const en: ChatLabels = defaultLabels
