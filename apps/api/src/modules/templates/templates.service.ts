import { ErrorCode, templateInputSchema, type Template, type TemplateInput, type TemplateSearchQuery } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { updatedRows } from '../../common/sql';
import { AttachmentsService, toAttachment } from '../attachments/attachments.service';

interface TemplateRow {
  id: string;
  title: string;
  tags: string[];
  channels: Template['channels'];
  body: string;
  attachments: { id: string; name: string; mime: string; size: number; is_image: boolean }[];
}

const TEMPLATE_SELECT = `
SELECT t.id, t.title, t.tags, t.channels, t.body,
       COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'mime', a.mime, 'size', a.size, 'is_image', a.is_image)
                                 ORDER BY a.position, a.created_at)
                   FROM attachments a WHERE a.template_id = t.id), '[]') AS attachments
  FROM templates t`;

const toTemplate = (r: TemplateRow): Template => ({
  id: r.id,
  title: r.title,
  tags: r.tags,
  channels: r.channels,
  body: r.body,
  attachments: r.attachments.map((a) => toAttachment({ id: a.id, name: a.name, mime: a.mime, size: a.size, isImage: a.is_image })),
});

/** TPL-1, TPL-2: canned replies, found by a tag prefix among those allowed for the chat's channel. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly attachments: AttachmentsService,
  ) {}

  async list(): Promise<Template[]> {
    return (await this.dataSource.query<TemplateRow[]>(`${TEMPLATE_SELECT} ORDER BY t.title, t.id`)).map(toTemplate);
  }

  /** TPL-2: prefix match on tags; only templates allowed for the channel (an empty channel list allows all). */
  async search(query: TemplateSearchQuery): Promise<Template[]> {
    const rows = await this.dataSource.query<TemplateRow[]>(
      `${TEMPLATE_SELECT}
        WHERE ($1::text IS NULL OR cardinality(t.channels) = 0 OR $1 = ANY(t.channels))
          AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM unnest(t.tags) tag WHERE tag LIKE $2 || '%'))
        ORDER BY t.title, t.id
        LIMIT 20`,
      [query.channel ?? null, query.tag ? query.tag.replace(/[\\%_]/g, (c) => `\\${c}`) : null],
    );
    return rows.map(toTemplate);
  }

  async get(id: string): Promise<Template> {
    const [row] = await this.dataSource.query<TemplateRow[]>(`${TEMPLATE_SELECT} WHERE t.id = $1`, [id]);
    if (!row) throw new AppError(ErrorCode.TemplateNotFound, 'Template not found');
    return toTemplate(row);
  }

  async save(id: string | null, input: TemplateInput, employeeId: string): Promise<Template> {
    const data = templateInputSchema.parse(input);
    const savedId = await this.dataSource.transaction(async (m) => {
      let templateId = id;
      if (templateId) {
        const updated: unknown = await m.query(
          'UPDATE templates SET title = $2, tags = $3, channels = $4, body = $5, updated_at = now() WHERE id = $1 RETURNING id',
          [templateId, data.title, [...new Set(data.tags)], [...new Set(data.channels)], data.body],
        );
        if (updatedRows(updated).length === 0) throw new AppError(ErrorCode.TemplateNotFound, 'Template not found');
      } else {
        const [row] = await m.query<{ id: string }[]>('INSERT INTO templates (title, tags, channels, body) VALUES ($1, $2, $3, $4) RETURNING id', [
          data.title,
          [...new Set(data.tags)],
          [...new Set(data.channels)],
          data.body,
        ]);
        if (!row) throw new Error('Template was not stored');
        templateId = row.id;
      }
      await this.attachments.setTemplateFiles(m, templateId, data.attachmentIds, employeeId);
      return templateId;
    });
    return this.get(savedId);
  }

  async remove(id: string): Promise<void> {
    const deleted: unknown = await this.dataSource.query('DELETE FROM templates WHERE id = $1 RETURNING id', [id]);
    if (updatedRows(deleted).length === 0) throw new AppError(ErrorCode.TemplateNotFound, 'Template not found');
  }
}
