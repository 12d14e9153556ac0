"use client";
/** The header's theme control: follow the system (default), or force light or dark. */
import { applyTheme, useThemeChoice, type ThemeChoice } from "./theme";

export function ThemeSelect() {
  const choice = useThemeChoice();
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600">
      <span className="sr-only sm:not-sr-only">Theme</span>
      <select
        aria-label="Colour theme"
        data-testid="theme-select"
        value={choice}
        onChange={(e) => {
          applyTheme(e.target.value as ThemeChoice);
        }}
        className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs text-slate-900"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
