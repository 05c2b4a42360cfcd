import type { ChannelType, Template, TemplateInput } from '@omnichannel/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const templateKeys = {
  all: ['templates'] as const,
  list: ['templates', 'list'] as const,
  search: (channel: ChannelType | undefined, tag: string) => ['templates', 'search', channel ?? 'any', tag] as const,
};

// ---------------------------------------------------------------- the reply box (TPL-2)

export const searchTemplates = (channel: ChannelType | undefined, tag: string) =>
  api('templates.search', { query: { channel, tag } });

export const templateSearchQuery = (channel: ChannelType | undefined, tag: string) =>
  queryOptions({
    queryKey: templateKeys.search(channel, tag),
    queryFn: () => searchTemplates(channel, tag),
    // Templates change rarely; a tag typed again within a minute is answered from the cache.
    staleTime: 60_000,
  });

/**
 * Templates of the chat's channel whose tags start with `tag`. While the next answer is on its way the
 * previous one stays (no flicker); the caller narrows it to the current prefix.
 */
export function useTemplateSearch(channel: ChannelType | undefined, tag: string, enabled: boolean) {
  return useQuery({ ...templateSearchQuery(channel, tag), enabled, placeholderData: keepPreviousData });
}

/** What the server would answer for `tag`, from an answer for a shorter prefix (or a stale one). */
export function narrowTemplates(items: readonly Template[], tag: string): Template[] {
  const prefix = tag.toLowerCase();
  return items.filter((t) => t.tags.some((x) => x.startsWith(prefix)));
}

// ---------------------------------------------------------------- administration (TPL-1)

export const fetchTemplates = () => api('templates.list');

export const templatesQuery = queryOptions({ queryKey: templateKeys.list, queryFn: fetchTemplates });

export function useTemplates() {
  return useQuery(templatesQuery);
}

/** A saved or deleted template changes the list and what the reply box offers. */
function useTemplateMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

export const useSaveTemplate = () =>
  useTemplateMutation(({ id, input }: { id: string | null; input: TemplateInput }) =>
    id ? api('templates.update', { params: { id }, body: input }) : api('templates.create', { body: input }),
  );

export const useDeleteTemplate = () => useTemplateMutation((id: string) => api('templates.remove', { params: { id } }));
