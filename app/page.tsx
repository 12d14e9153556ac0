import { redirect } from "next/navigation";
import { defaultSourceId } from "@/server/registry";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect(`/c/${encodeURIComponent(await defaultSourceId())}`);
}
