import { defaultLabels, type ChatLabels } from '../labels'

// Not translated yet: the English texts.
export const es: ChatLabels = { ...defaultLabels }
