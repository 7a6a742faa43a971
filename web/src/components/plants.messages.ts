import { defineMessages } from '../i18n/messages';

export const plantsMessages = defineMessages('plants', {
  title: ['工厂', 'Plants'],
  name: ['名称', 'Name'],
  region: ['行政区划', 'Region'],
  regionCode: ['区县代码（GB/T 2260）', 'County code (GB/T 2260)'],
  address: ['地址', 'Address'],
  location: ['坐标', 'Coordinates'],
  approx: ['（区县中心）', '(county centre)'],
  add: ['添加工厂', 'Add a plant'],
  added: ['工厂已添加。', 'Plant added.'],
  none: ['暂无工厂', 'No plants yet'],
});
