import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useEffect, useMemo, useRef } from 'react';

const MAX_PHOTOS = 9;

type Props = { value?: File[]; onChange?: (files: File[]) => void; id?: string };

/** photos kept on the phone until the record is saved; camera or gallery */
export function PhotoPicker({ value = [], onChange, id }: Props) {
  const cameraRef = useRef<HTMLInputElement>(null);
  const galleryRef = useRef<HTMLInputElement>(null);
  const previews = useMemo(() => value.map((f) => URL.createObjectURL(f)), [value]);
  useEffect(() => () => previews.forEach((u) => URL.revokeObjectURL(u)), [previews]);

  const add = (list: FileList | null) => {
    if (!list) return;
    onChange?.([...value, ...Array.from(list).filter((f) => f.type.startsWith('image/'))].slice(0, MAX_PHOTOS));
  };
  const input = (ref: React.RefObject<HTMLInputElement | null>, capture: boolean) => (
    <input
      ref={ref}
      type="file"
      accept="image/*"
      capture={capture ? 'environment' : undefined}
      multiple={!capture}
      style={{ display: 'none' }}
      onChange={(e) => {
        add(e.target.files);
        e.target.value = '';
      }}
    />
  );

  return (
    <div id={id}>
      {previews.length ? (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
          {previews.map((src, i) => (
            <div key={src} style={{ position: 'relative', width: 76, height: 76 }}>
              <img src={src} alt={`照片 ${i + 1}`} style={{ width: 76, height: 76, objectFit: 'cover', borderRadius: 6 }} />
              <Button
                size="small"
                shape="circle"
                icon={<CloseOutlined aria-hidden />}
                aria-label={`移除照片 ${i + 1}`}
                onClick={() => onChange?.(value.filter((_, j) => j !== i))}
                style={{ position: 'absolute', top: -8, right: -8 }}
              />
            </div>
          ))}
        </div>
      ) : null}
      {value.length < MAX_PHOTOS ? (
        <Space wrap>
          <Button icon={<CameraOutlined aria-hidden />} onClick={() => cameraRef.current?.click()}>拍照</Button>
          <Button icon={<PictureOutlined aria-hidden />} onClick={() => galleryRef.current?.click()}>从相册选</Button>
        </Space>
      ) : null}
      {input(cameraRef, true)}
      {input(galleryRef, false)}
    </div>
  );
}
