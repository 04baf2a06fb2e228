import { siteKindLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { SiteKind } from '@jinguo/common/enums.ts';
import { Form, Input, Modal, Select } from 'antd';
import { useFormFeedback } from '../../lib/use-form-feedback.ts';
import { useCreateSite, useUpdateSite, type Site } from './orgs.api.ts';

type Values = { kind: SiteKind; name: string; address?: string | null; status?: Site['status'] };
type Props = { orgId: string; site: Site | null; open: boolean; onClose: () => void };

/** create a women's home / micro home, or edit one (name, address, open or closed) */
export function SiteFormModal({ orgId, site, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateSite();
  const update = useUpdateSite();
  const { saved, failed: fail } = useFormFeedback(form);
  const submit = (v: Values) => {
    const done = saved(onClose);
    if (site) update.mutate({ id: site.id, name: v.name, address: v.address || null, status: v.status }, { onSuccess: done, onError: fail });
    else create.mutate({ orgId, kind: v.kind, name: v.name, address: v.address || null }, { onSuccess: done, onError: fail });
  };
  return (
    <Modal
      open={open}
      title={site ? '编辑阵地' : '新建阵地'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={site ?? { kind: 'womens_home' }} onFinish={submit}>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
          <Select disabled={!!site} options={Object.entries(siteKindLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="地址" name="address">
          <Input maxLength={200} />
        </Form.Item>
        {site ? (
          <Form.Item label="状态" name="status">
            <Select options={[{ value: 'active', label: '运行中' }, { value: 'closed', label: '已关闭' }]} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
