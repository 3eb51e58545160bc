/**
 * The default look, the one source of `@gws-chat/dom/styles.css` (the build writes this text to that file). Scoped to
 * the widget's root; every colour, radius, font and spacing reads a `--gws-chat-*` custom property, which a page sets
 * on any ancestor (they inherit into the shadow root of `<gws-chat shadow>` too). `data-theme` on the root picks the
 * light or dark defaults (`auto`: the system's); `data-layout` the inline card or the launcher.
 */
const theme = (t: Record<string, string>) =>
  `--_bg:var(--gws-chat-background,${t.bg});--_fg:var(--gws-chat-text,${t.fg});--_m:var(--gws-chat-muted,${t.m});--_b:var(--gws-chat-border,${t.b});` +
  `--_a:var(--gws-chat-accent,${t.a});--_af:var(--gws-chat-accent-text,${t.af});--_ag:var(--gws-chat-agent-background,${t.ag});` +
  `--_ib:var(--gws-chat-input-background,${t.bg});--_it:var(--gws-chat-input-text,${t.fg});--_nb:var(--gws-chat-notice-background,${t.nb});` +
  `--_e:var(--gws-chat-error,${t.e});--_eb:var(--gws-chat-error-background,${t.eb});--_f:var(--gws-chat-focus,${t.a});` +
  `--_k:var(--gws-chat-badge,${t.k});--_kf:var(--gws-chat-badge-text,${t.kf});color-scheme:${t.cs}`
const light = theme({ bg: '#fff', fg: '#1f1f1f', m: '#444746', b: '#747775', a: '#0b57d0', af: '#fff', ag: '#e9eef6', nb: '#f0f1f1', e: '#8c1d18', eb: '#fce8e6', k: '#b3261e', kf: '#fff', cs: 'light' })
const dark = theme({ bg: '#1b1c1d', fg: '#e3e3e3', m: '#c4c7c5', b: '#8e918f', a: '#a8c7fa', af: '#062e6f', ag: '#2d3033', nb: '#28292a', e: '#f2b8b5', eb: '#601410', k: '#f2b8b5', kf: '#601410', cs: 'dark' })
const g = '.gws-chat'
const launcher = `${g}[data-layout=launcher]`

export const defaultStyles = `:host,gws-chat{display:block}
${g}{${light};--_r:var(--gws-chat-radius,12px);--_s:var(--gws-chat-spacing,.5rem);--_o:var(--gws-chat-offset,1.25rem);--_l:var(--gws-chat-launcher-size,3.5rem);--_z:var(--gws-chat-z-index,2147483000);--_sh:var(--gws-chat-shadow,0 4px 24px #0006);
font:var(--gws-chat-font,15px/1.4 system-ui,sans-serif);color:var(--_fg)}
${g}[data-theme=dark]{${dark}}
@media (prefers-color-scheme:dark){${g}[data-theme=auto]{${dark}}}
${g}[hidden],${g} [hidden],${g} [part~=error]:empty,${g} [part~=status]:empty{display:none!important}
${g},${g} *{box-sizing:border-box}
${g} .gws-chat-vh{position:absolute;clip-path:inset(50%);width:1px;height:1px;overflow:hidden;white-space:nowrap}
${g} [part~=panel]{display:flex;flex-direction:column;gap:var(--_s);height:var(--gws-chat-height,32rem);max-height:100vh;max-height:100svh;padding:calc(var(--_s)*1.5);
background:var(--_bg);color:var(--_fg);border:1px solid var(--_b);border-radius:var(--_r)}
${g} [part~=header]{display:flex;align-items:center;gap:var(--_s);flex-wrap:wrap}
${g} [part~=title]{font-size:1.1em;margin:0;flex:1}
${g} [part~=status]{margin:0;color:var(--_m);flex-basis:100%;order:1;min-height:1.4em}
${g} [part~=prechat]{display:flex;flex-direction:column;gap:calc(var(--_s)*1.5)}
${g} [part~=label]{display:flex;flex-direction:column;gap:calc(var(--_s)/2);font-weight:600}
${g} [part~=input]{font:inherit;font-weight:400;padding:var(--_s) calc(var(--_s)*1.2);border:1px solid var(--_b);border-radius:calc(var(--_r)/2);min-width:0;background:var(--_ib);color:var(--_it)}
${g} [part~=button]{font:inherit;padding:calc(var(--_s)*.9) calc(var(--_s)*1.8);border:1px solid var(--_a);border-radius:calc(var(--_r)/2);background:var(--_a);color:var(--_af);cursor:pointer}
${g} [part~=end],${g} [part~=retry],${g} [part~=try-again],${g} [part~=close]{background:transparent;color:var(--_a)}
${g} :focus-visible{outline:2px solid var(--_f);outline-offset:2px}
${g} [part~=own] :focus-visible{outline-color:currentColor}
${g} [part~=log]{flex:1;overflow-y:auto;border-top:1px solid var(--_b);padding-top:var(--_s)}
${g} [part~=transcript],${g} [part~=outbox]{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:calc(var(--_s)*.8)}
${g} [part~=outbox]{margin-top:calc(var(--_s)*.8)}
${g} [part~=entry]{max-width:85%;align-self:flex-start}
${g} [part~=continued]{margin-top:calc(var(--_s)*-.5)}
${g} [part~=message]{padding:calc(var(--_s)*.8) calc(var(--_s)*1.4);border-radius:var(--_r);background:var(--_ag)}
${g} [part~=own]{align-self:flex-end}
${g} [part~=message][part~=own]{background:var(--_a);color:var(--_af)}
${g} [part~=event],${g} [part~=typing]{color:var(--_m);font-size:.9em}
${g} [part~=event]{align-self:center;text-align:center}
${g} [part~=notice]{align-self:center;max-width:100%;padding:calc(var(--_s)*.6) calc(var(--_s)*1.4);border-radius:var(--_r);background:var(--_nb);font-size:.9em}
${g} [part~=meta]{display:flex;gap:var(--_s);align-items:baseline;font-size:.8em}
${g} [part~=author]{font-weight:600}
${g} [part~=own] [part~=meta]{justify-content:flex-end}
${g} [part~=text],${g} [part~=caption]{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
${g} [part~=link]{color:inherit;text-decoration:underline}
${g} [part~=card]{display:flex;flex-direction:column;gap:calc(var(--_s)/2);margin-top:calc(var(--_s)/2);padding:var(--_s) calc(var(--_s)*1.2);border:1px solid var(--_b);border-radius:calc(var(--_r)/2);background:var(--_bg);color:var(--_fg)}
${g} [part~=host]{font-weight:600}
${g} [part~=caption]{font-size:.9em}
${g} [part~=delivery]{font-size:.8em}
${g} [part~=outgoing][data-delivery=failed]{background:var(--_eb);color:var(--_e)}
${g} [data-delivery=failed] [part~=retry]{color:inherit;border-color:currentColor;margin-inline-start:var(--_s);padding:.1rem var(--_s)}
${g} [part~=typing]{margin:0;min-height:1.4em}
${g} [part~=composer]{display:flex;gap:var(--_s);align-items:flex-end;flex-wrap:wrap}
${g} [part~=message-input]{flex:1;resize:none;field-sizing:content;min-height:2.6em;max-height:8em}
${g} [part~=counter]{flex-basis:100%;order:1;margin:0;font-size:.8em;color:var(--_m)}
${g} [part~=send-error]{flex-basis:100%;order:2;margin:0;color:var(--_e)}
${g} [part~=failure],${g} [part~=ended]{display:flex;align-items:center;gap:var(--_s);flex-wrap:wrap}
${g} [part~=failure]{color:var(--_e)}
${g} [part~=failure] p,${g} [part~=ended] p{margin:0;flex:1}
${launcher} [part~=launcher]{position:fixed;inset-block-end:var(--_o);inset-inline-end:var(--_o);z-index:var(--_z);width:var(--_l);height:var(--_l);padding:0;border-radius:50%;font-size:1.4em;box-shadow:var(--_sh)}
${launcher} [part~=badge]{position:absolute;inset-block-start:-.3em;inset-inline-end:-.3em;min-width:1.5em;padding:0 .3em;border-radius:1em;background:var(--_k);color:var(--_kf);font-size:.55em;line-height:1.5em}
${launcher} [part~=panel]{position:fixed;z-index:var(--_z);inset-inline-end:var(--_o);inset-block-end:calc(var(--_o) + var(--_l) + var(--_s)*1.5);
width:min(var(--gws-chat-panel-width,24rem),calc(100vw - var(--_o)*2));height:min(var(--gws-chat-height,32rem),calc(100vh - var(--_o)*2 - var(--_l) - var(--_s)*1.5));box-shadow:var(--_sh)}
@media (max-width:479.98px){${launcher} [part~=panel]{inset:auto 0;top:var(--_vt,0px);width:auto;height:var(--_vh,100dvh);border:0;border-radius:0}${launcher}[data-open] [part~=launcher]{display:none}}
@media (prefers-reduced-motion:no-preference){${launcher}[data-open] [part~=panel]{animation:gws-chat-in .16s ease-out}@keyframes gws-chat-in{from{opacity:0;transform:translateY(.5rem)}}}
`
