import type { ActivityKind } from '@jinguo/common/activities.schema.ts';
import { AutoComplete, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { rememberedPlaces } from './entry-memory.ts';

/** kind, title, date, participants, place: what a typical record needs */
export function ActivityCoreFields({ kinds, kindCode }: { kinds: ActivityKind[]; kindCode: string | undefined }) {
  const isPhone = useIsPhone();
  const unit = kinds.find((k) => k.code === kindCode)?.participantUnit ?? '人';
  const places = rememberedPlaces();
  return (
    <>
      <Form.Item label="活动类型" name="kindCode" rules={[{ required: true, message: '请选择活动类型' }]}>
        <Select
          showSearch={!isPhone}
          optionFilterProp="label"
          placeholder="请选择"
          options={kinds.filter((k) => k.active || k.code === kindCode).map((k) => ({ value: k.code, label: k.name }))}
        />
      </Form.Item>
      <Form.Item label="活动名称" name="title" rules={[{ required: true, whitespace: true, message: '请输入活动名称' }, { max: 100, message: '活动名称不能超过 100 个字' }]}>
        <Input maxLength={100} placeholder="如：巾帼大宣讲进村" />
      </Form.Item>
      <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker inputReadOnly={isPhone} allowClear={false} style={{ width: '100%' }} format="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item label="参加人数" name="participants" rules={[{ required: true, message: '请输入参加人数' }]}>
        <InputNumber min={0} max={100000} precision={0} inputMode="numeric" pattern="[0-9]*" addonAfter={unit} style={{ width: '100%' }} placeholder="0" />
      </Form.Item>
      <Form.Item label="地点" name="place" rules={[{ max: 100, message: '地点不能超过 100 个字' }]}>
        <AutoComplete options={places.map((p) => ({ value: p }))} placeholder="如：村委会会议室（可不填）" filterOption={(input, option) => !input || String(option?.value).includes(input)}>
          <Input maxLength={100} />
        </AutoComplete>
      </Form.Item>
    </>
  );
}
