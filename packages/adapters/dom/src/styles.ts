/**
 * The default look, scoped to the widget's root. Themes set the custom
 * properties on any ancestor (they inherit into the custom element's shadow
 * root too); `::part()` reaches each piece from outside the element.
 */
export const defaultStyles = `
:host{display:block}
.gws-chat{--_a:var(--gws-chat-accent,#0b57d0);--_af:var(--gws-chat-accent-text,#fff);--_b:var(--gws-chat-border,#c4c7c5);--_m:var(--gws-chat-muted,#444746);--_r:var(--gws-chat-radius,12px);
display:flex;flex-direction:column;gap:.5rem;box-sizing:border-box;height:var(--gws-chat-height,32rem);padding:.75rem;
font:var(--gws-chat-font,15px/1.4 system-ui,sans-serif);color:var(--gws-chat-text,#1f1f1f);background:var(--gws-chat-background,#fff);
border:1px solid var(--_b);border-radius:var(--_r)}
.gws-chat [hidden],.gws-chat [part~=error]:empty,.gws-chat [part~=status]:empty{display:none!important}
.gws-chat *{box-sizing:inherit}
.gws-chat [part~=header]{display:flex;align-items:center;gap:.5rem;flex-wrap:wrap}
.gws-chat [part~=title]{font-size:1.1em;margin:0;flex:1}
.gws-chat [part~=status]{margin:0;color:var(--_m);flex-basis:100%;order:1;min-height:1.4em}
.gws-chat [part~=prechat]{display:flex;flex-direction:column;gap:.75rem}
.gws-chat [part~=label]{display:flex;flex-direction:column;gap:.25rem;font-weight:600}
.gws-chat [part~=input]{font:inherit;font-weight:400;padding:.5rem .6rem;border:1px solid var(--_b);border-radius:calc(var(--_r)/2);min-width:0}
.gws-chat [part~=button]{font:inherit;padding:.45rem .9rem;border:1px solid var(--_a);border-radius:calc(var(--_r)/2);background:var(--_a);color:var(--_af);cursor:pointer}
.gws-chat [part~=end],.gws-chat [part~=retry],.gws-chat [part~=try-again]{background:transparent;color:var(--_a)}
.gws-chat :focus-visible{outline:2px solid var(--_a);outline-offset:2px}
.gws-chat [part~=log]{flex:1;overflow-y:auto;border-top:1px solid var(--_b);padding-top:.5rem}
.gws-chat [part~=transcript],.gws-chat [part~=outbox]{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.4rem}
.gws-chat [part~=outbox]{margin-top:.4rem}
.gws-chat [part~=entry]{max-width:85%;align-self:flex-start}
.gws-chat [part~=message]{padding:.4rem .7rem;border-radius:var(--_r);background:var(--gws-chat-agent-background,#e9eef6)}
.gws-chat [part~=own]{align-self:flex-end}
.gws-chat [part~=message][part~=own]{background:var(--_a);color:var(--_af)}
.gws-chat [part~=event],.gws-chat [part~=notice],.gws-chat [part~=typing]{color:var(--_m);font-size:.9em}
.gws-chat [part~=event]{align-self:center}
.gws-chat [part~=author]{display:block;font-size:.8em;font-weight:600}
.gws-chat [part~=own] [part~=author]{position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden}
.gws-chat [part~=text]{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.gws-chat [part~=link]{color:inherit}
.gws-chat [part~=caption]{margin:.2rem 0 0;font-size:.9em;white-space:pre-wrap;overflow-wrap:anywhere}
.gws-chat [part~=delivery]{font-size:.8em}
.gws-chat [part~=outgoing][data-delivery=failed]{background:var(--gws-chat-error-background,#fce8e6);color:var(--gws-chat-error,#8c1d18)}
.gws-chat [data-delivery=failed] [part~=retry]{color:inherit;border-color:currentColor;margin-left:.5rem;padding:.1rem .5rem}
.gws-chat [part~=typing]{margin:0;min-height:1.4em}
.gws-chat [part~=composer]{display:flex;gap:.5rem}
.gws-chat [part~=message-input]{flex:1}
.gws-chat [part~=failure],.gws-chat [part~=ended]{display:flex;align-items:center;gap:.5rem;flex-wrap:wrap}
.gws-chat [part~=failure]{color:var(--gws-chat-error,#8c1d18)}
.gws-chat [part~=failure] p,.gws-chat [part~=ended] p{margin:0;flex:1}
`
