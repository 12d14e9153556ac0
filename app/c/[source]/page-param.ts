import { notFound } from "next/navigation";

/**
 * A page's dynamic segment (`[source]`, `[framework]`) decoded. Next.js hands page params still percent-encoded (route
 * handlers get them decoded, server/api.ts), so pages decode once here; an encoding that is not
 * valid UTF-8 (`/c/%E0%A4%A`) names no source: 404, not a server error.
 */
export function pageParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    notFound();
  }
}
