"use client";
/**
 * The colour scheme: `system` follows prefers-color-scheme, `light`/`dark` are forced by the header's
 * control. The choice is a cookie so the server renders <html data-theme> before the first paint.
 */
import { useSyncExternalStore } from "react";

export type ThemeChoice = "system" | "light" | "dark";
export const THEME_COOKIE = "clearance-theme";

export function applyTheme(choice: ThemeChoice) {
  const html = document.documentElement;
  if (choice === "system") delete html.dataset.theme;
  else html.dataset.theme = choice;
  document.cookie = `${THEME_COOKIE}=${choice}; path=/; max-age=31536000; samesite=lax`;
}

export function currentChoice(): ThemeChoice {
  const t = typeof document === "undefined" ? undefined : document.documentElement.dataset.theme;
  return t === "light" || t === "dark" ? t : "system";
}

function resolved(): "light" | "dark" {
  const c = currentChoice();
  if (c !== "system") return c;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia("(prefers-color-scheme: dark)");
  mq.addEventListener("change", onChange);
  const mo = new MutationObserver(onChange);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => {
    mq.removeEventListener("change", onChange);
    mo.disconnect();
  };
}

/** The header's choice, following changes made anywhere (another control, a reload). */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, currentChoice, () => "system");
}

/** The scheme in force, following both the system setting and the header's control (for canvases that cannot use CSS). */
export function useResolvedTheme(): "light" | "dark" {
  return useSyncExternalStore(subscribe, resolved, () => "light");
}
