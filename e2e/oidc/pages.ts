import type { KoaContextLike } from "oidc-provider";

// oidc-provider's default pages import a Google web font. A test browser must never reach a public
// host, so every page the provider can render is replaced by plain HTML with no external resource.

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function render(ctx: KoaContextLike, html: string): void {
  ctx.type = "html";
  ctx.body = html;
}

export const plainPages = {
  logout: (ctx: KoaContextLike, form: string): void => {
    render(
      ctx,
      page(
        "Sign out of the test provider?",
        `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>` +
          `<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
      ),
    );
  },
  loggedOut: (ctx: KoaContextLike): void => {
    render(ctx, page("Signed out", "<p>You are signed out of the test provider.</p>"));
  },
  error: (ctx: KoaContextLike, out: Record<string, unknown>): void => {
    render(ctx, page("Sign-in error", Object.entries(out).map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</p>`).join("")));
  },
};
