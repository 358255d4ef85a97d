import { api } from "./api/client";
import type { Member } from "./api/types";

/** The workspace's members, loaded once per session (assignee pickers, names in tables). */
class MemberDirectory {
  items = $state.raw<Member[]>([]);
  #loading: Promise<void> | null = null;

  load(force = false): Promise<void> {
    if (force || !this.#loading) {
      this.#loading = api<{ items: Member[] }>("/members").then(({ items }) => {
        this.items = items;
      });
      this.#loading.catch(() => (this.#loading = null));
    }
    return this.#loading;
  }

  nameOf(userId: string | null): string {
    if (!userId) return "Unassigned";
    return this.items.find((m) => m.userId === userId)?.name ?? "Former member";
  }

  clear(): void {
    this.items = [];
    this.#loading = null;
  }
}

export const members = new MemberDirectory();
