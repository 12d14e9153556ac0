import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Clearance",
  description: "Who can do what, who can reach whom, and how exposed your Kubernetes cluster is.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, so Next.js can put proxy.ts's CSP nonce on its scripts.
  await connection();
  // A forced theme is known before the first paint; without one the system setting decides in CSS.
  const theme = (await cookies()).get("clearance-theme")?.value;
  return (
    <html lang="en" data-theme={theme === "light" || theme === "dark" ? theme : undefined} suppressHydrationWarning>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
