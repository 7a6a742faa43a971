import { useRef, useState } from 'react';
import { App as AntApp, Button, Card, Space, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from 'urql';
import { DeleteDocumentDocument, RequirementDocumentsDocument } from './requirement-extras.generated';
import type { RequirementDocumentsQuery } from '../../gql/graphql';
import { useCurrentUser, useSession } from '../../app/session';
import { ApiErrorAlert } from '../ApiErrorAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { documentsMessages } from './requirement-extras.messages';

/** No bullets, no indent. */
const PLAIN_LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;
const DOCUMENT_ROW = { display: 'flex', flexWrap: 'wrap', gap: '8px 16px', alignItems: 'center', justifyContent: 'space-between', padding: '8px 0', borderBottom: '1px solid #f0f0f0' } as const;

type Attachment = NonNullable<RequirementDocumentsQuery['requirement']>['documents'][number];

function sizeText(bytes: number, number: (n: number) => string): string {
  if (bytes < 1024) return `${number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 102.4) / 10)} KB`;
  return `${number(Math.round(bytes / 104857.6) / 10)} MB`;
}

/**
 * A requirement's drawings and specifications: listed for whoever may read the requirement,
 * downloaded with the session's token (GET /documents/<id>, an attachment), uploaded and deleted
 * by the buyer that posted it while it is a draft or open (POST /documents/requirements/<id>).
 */
export function RequirementDocuments({ requirementId }: { requirementId: string }) {
  const t = useT(documentsMessages);
  const format = useFormat();
  const { message, modal } = AntApp.useApp();
  const picker = useRef<HTMLInputElement>(null);
  const { token } = useSession();
  const { user } = useCurrentUser();
  const [{ data, error, fetching }, refetch] = useQuery({ query: RequirementDocumentsDocument, variables: { id: requirementId } });
  const [deleting, remove] = useMutation(DeleteDocumentDocument);
  const [uploading, setUploading] = useState(false);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const requirement = data?.requirement;
  const mayAttach = Boolean(requirement && user?.role === 'OEM_BUYER' && user.organization.id === requirement.organizationId && (requirement.status === 'DRAFT' || requirement.status === 'OPEN'));

  const download = async (document: Attachment) => {
    const response = await fetch(document.downloadPath, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!response.ok) {
      message.error(t('refused', { reason: String(response.status) }));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = window.document.createElement('a');
    link.href = url;
    link.download = document.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const response = await fetch(`/documents/requirements/${encodeURIComponent(requirementId)}?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: file,
      });
      if (response.status === 201) {
        message.success(t('uploaded', { name: file.name }));
        reload();
        return;
      }
      const reason = response.status === 413 ? t('tooLarge') : response.status === 415 ? t('badType') : ((await response.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? String(response.status);
      message.error(t('refused', { reason }));
    } finally {
      setUploading(false);
    }
  };

  const removeOne = (document: Attachment) =>
    modal.confirm({
      title: t('deleteConfirm'),
      content: document.fileName,
      onOk: async () => {
        const result = await remove({ input: { id: document.id } });
        if (!result.error) {
          message.success(t('deleted'));
          reload();
        }
      },
    });

  return (
    <Card
      title={<span id="documents-title">{t('title')}</span>}
      loading={fetching && !data}
      data-testid="requirement-documents"
      extra={
        mayAttach && (
          <>
            <input
              ref={picker}
              type="file"
              hidden
              aria-label={t('upload')}
              data-testid="document-file"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void upload(file);
              }}
            />
            <Button icon={<UploadOutlined />} loading={uploading} id="upload-document" onClick={() => picker.current?.click()}>
              {t('upload')}
            </Button>
          </>
        )
      }
    >
      <ApiErrorAlert error={error ?? deleting.error} />
      {mayAttach && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('uploadHint')}
        </Typography.Paragraph>
      )}
      {(requirement?.documents.length ?? 0) === 0 ? (
        <Typography.Text type="secondary">{t('none')}</Typography.Text>
      ) : (
        <ul style={PLAIN_LIST}>
          {requirement?.documents.map((document) => (
            <li key={document.id} data-testid="document" style={DOCUMENT_ROW}>
              <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                <Typography.Text strong data-testid="document-name" style={{ overflowWrap: 'anywhere' }}>
                  {document.fileName}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary">{`${document.contentType} · ${sizeText(document.sizeBytes, (n) => format.number(n))} · ${format.dateTime(String(document.createdAt))}`}</Typography.Text>
              </div>
              <Space wrap>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(document)} aria-label={`${t('download')} ${document.fileName}`}>
                  {t('download')}
                </Button>
                {mayAttach && user?.organization.id === document.organizationId && (
                  <Button size="small" danger icon={<DeleteOutlined />} onClick={() => removeOne(document)} aria-label={`${t('delete')} ${document.fileName}`}>
                    {t('delete')}
                  </Button>
                )}
              </Space>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
