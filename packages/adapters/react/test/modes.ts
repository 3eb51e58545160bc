import { Fragment, StrictMode, type ComponentType, type ReactNode } from 'react'

/** Every React test runs twice: under StrictMode (double render, double mount) and without it. */
export const modes: { name: string; wrapper: ComponentType<{ children: ReactNode }> }[] = [
  { name: 'StrictMode', wrapper: StrictMode },
  { name: 'normal mode', wrapper: Fragment },
]
