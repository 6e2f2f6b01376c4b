"""site.yml: the school itself, its brand, footer facts and build options."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field

from xingguang.photos.options import DEFAULT_QUALITY, DEFAULT_WIDTHS
from xingguang.records.common import SLUG_PATTERN, LongText, Photo, PlainLine, RecordModel, SectionName, Text, Title, field


class Contact(RecordModel):
    address: Text | None = field("地址", "学校地址。", examples=["陕西省汉中市西乡县城北街道"], default=None)
    phone: Text | None = field(
        "电话", "联系电话。以 0 开头的号码请加引号。", examples=["0916-1234567"], default=None
    )
    email: Text | None = field("邮箱", "联系邮箱。", examples=["cbxx@example.cn"], default=None)


class Filing(RecordModel):
    icp: Text | None = field("ICP备案号", "网站的 ICP 备案号，显示在页脚。", examples=["陕ICP备00000000号-1"], default=None)
    police: Text | None = field(
        "公安备案号", "公安联网备案号，显示在页脚。", examples=["陕公网安备 61072402000000号"], default=None
    )


class Spirit(RecordModel):
    name: Text = field("名称", "学校精神的名称。", examples=["城北精神"])
    words: list[Text] = field("内容", "学校精神的几个词。", examples=[["自信", "诚信", "用心", "创新"]], min_length=1)


class YearFigure(RecordModel):
    name: Text = field("名称", "统计项目。", examples=["支委会"])
    value: int = field("数值", "数字，不加引号。", examples=[12], ge=0)
    unit: Text | None = field("单位", "单位。", examples=["次"], default=None)


class YearInNumbers(RecordModel):
    year: int = field("年份", "哪一年的数字。", examples=[2022], ge=1900, le=2200)
    figures: list[YearFigure] = field("项目", "这一年的数字，按显示顺序。", examples=[[{"名称": "支委会", "数值": 12, "单位": "次"}]],
                                         min_length=1)


class SectionLeads(RecordModel):
    """The school's own sentence under each list page's title: a generator has none of its own."""

    teachers: PlainLine | None = field(
        "教师", "“榜样教师”页标题下的一句话。不写就没有。",
        examples=["党员教师主动助力青年教师的发展，成长为名师、能手，作为全体教师学习的榜样。"], default=None)
    corridors: PlainLine | None = field(
        "长廊", "长廊列表页标题下的一句话。不写就没有。",
        examples=["校园的每面墙都成为呼唤孩子们健康成长的号角，每个角落都是孩子们放飞梦想的舞台。"], default=None)
    activities: PlainLine | None = field(
        "活动", "“活动纪实”各页标题下的一句话。不写就没有。",
        examples=["学校的每一次活动，按时间记在这里。"], default=None)
    honours: PlainLine | None = field(
        "荣誉", "“荣誉”各页标题下的一句话。不写就没有。",
        examples=["老师们和学校获得的每一项荣誉。"], default=None)


class PhotoQuality(RecordModel):
    avif: int = field("avif", "AVIF 质量（1–100）。", examples=[55], default=DEFAULT_QUALITY["avif"], ge=1, le=100)
    webp: int = field("webp", "WebP 质量（1–100）。", examples=[80], default=DEFAULT_QUALITY["webp"], ge=1, le=100)
    jpeg: int = field("jpeg", "JPEG 质量（1–100）。", examples=[82], default=DEFAULT_QUALITY["jpeg"], ge=1, le=100)


class PhotoSettings(RecordModel):
    widths: list[Annotated[int, Field(ge=16, le=8192)]] = Field(
        default=list(DEFAULT_WIDTHS),
        alias="宽度",
        title="宽度",
        description="每张照片生成哪几种宽度（像素）。不会放大比原图小的照片。",
        examples=[list(DEFAULT_WIDTHS)],
        min_length=1,
        max_length=8,
    )
    quality: PhotoQuality = field("质量", "各种格式的压缩质量。", examples=[{"avif": 55, "webp": 80, "jpeg": 82}], default_factory=PhotoQuality)
    concurrency: int = field("并行数", "同时处理照片的进程数，0 表示按 CPU 核数。", examples=[0], default=0, ge=0, le=64)


class BuildOptions(RecordModel):
    students_without_consent: Literal["报错", "跳过"] = field(
        "学生照片无同意书",
        "遇到含学生却没有有效同意书的照片：“报错”停止生成（默认）；“跳过”不发布这张照片并给出提醒。",
        examples=["报错"],
        default="报错",
    )
    latest_activities: int = field("首页活动数", "首页显示最近几次活动。", examples=[6], default=6, ge=1, le=50)
    page_size: int = field("每页条数", "活动、荣誉的列表每页最多放几条；更多的按年份、分类和页码分开。",
                           examples=[24], default=24, ge=6, le=100)
    publish_editor_pages: bool = field(
        "发布编辑指南",
        "编辑指南、字段参考、提示目录、走廊显示屏说明、部署和性能测量这些给编辑和管理员看的页面，"
        "默认只在预览里显示，不发布到正式网站；写 true 就一起发布。",
        examples=[False], default=False)
    latest_notices: int = field("首页通知数", "首页“通知公告”显示几条未过期的通知（置顶的在前）；写 0 不显示这一块。",
                                examples=[5], default=5, ge=0, le=20)
    attachment_limit_mb: int = field("附件上限MB", "通知附件最大多少 MB。", examples=[20], default=20, ge=1, le=200)
    mask_tool: bool = field(
        "遮挡工具",
        "预览网站（scripts/site.sh）的每一页左下角显示“遮挡工具”按钮：在照片上画出要遮挡的方框，复制粘贴进数据。"
        "只在预览里有，发布的网站里没有。写 false 关掉。",
        examples=[True],
        default=True,
    )
    render_cache: bool = field(
        "页面缓存",
        "记住上次生成的每个页面，数据没变的页面直接用上次的结果，预览和生成都快很多；"
        "结果与不用缓存时逐字节相同。写 false 关掉（每次都重新生成每一页）。",
        examples=[True],
        default=True,
    )
    quick_preview: bool = field(
        "快速预览",
        "预览网站（scripts/site.sh）时每 0.2 秒看一次文件有没有改动（MkDocs 自己是 0.5 秒），保存后更快看到结果。"
        "写 false 关掉（用 MkDocs 自己的做法）。",
        examples=[True],
        default=True,
    )


NOTICE_CATEGORY_SLUGS = {"通知": "tongzhi", "公告": "gonggao", "招生": "zhaosheng", "安全提醒": "anquan-tixing",
                         "家长学校": "jiazhang-xuexiao"}
"""The default notice categories' addresses: readable, and fixed once links are shared."""

HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class Playlist(RecordModel):
    name: Text = field("名称", "播放列表的名字，用在网址里：/display/?playlist=科技角。", examples=["科技角"])
    slides: list[Literal["品牌", "活动", "荣誉", "教师", "长廊"]] = field(
        "内容", "这个列表放哪几类幻灯片。", examples=[["长廊", "活动"]], min_length=1
    )
    corridors: list[Text] = field(
        "长廊", "只放这些长廊（长廊编号）；不写表示全部。", examples=[["xingxing-kejijiao"]], default_factory=list
    )
    categories: list[Text] = field("活动分类", "只放这些分类的活动；不写表示全部。", examples=[["党建"]], default_factory=list)


class SchoolHours(RecordModel):
    start: Annotated[str, Field(pattern=HHMM)] = field("开始", "每天几点开屏，要加引号。", examples=["07:30"], default="07:30")
    end: Annotated[str, Field(pattern=HHMM)] = field("结束", "每天几点关屏，要加引号。", examples=["18:00"], default="18:00")
    weekends: bool = field("周末开屏", "周六周日是否开屏。", examples=[False], default=False)
    night: Literal["时钟", "黑屏"] = field("夜间", "关屏时显示暗色时钟还是全黑。", examples=["时钟"], default="时钟")


class NoticeTicker(RecordModel):
    enabled: bool = field("启用", "是否在幻灯片上滚动显示当前的通知公告（标题、日期、发布单位）。没有通知时自动不显示。",
                          examples=[True], default=True)
    position: Literal["底部", "顶部"] = field("位置", "滚动条放在屏幕底部，还是顶部校名栏的下面。", examples=["底部"], default="底部")
    speed: int = field("速度", "每秒滚过几个字。4 左右站着读正合适；越大越快。", examples=[4], default=4, ge=1, le=20)


class DisplaySettings(RecordModel):
    enabled: bool = field("启用", "是否生成走廊显示屏页面 /display/。", examples=[True], default=True)
    slides: list[Literal["品牌", "活动", "荣誉", "教师", "长廊"]] = field(
        "内容", "默认播放哪几类幻灯片，按顺序。", examples=[["品牌", "活动", "荣誉", "教师", "长廊"]],
        default_factory=lambda: ["品牌", "活动", "荣誉", "教师", "长廊"], min_length=1,
    )
    seconds: int = field("每页秒数", "每张幻灯片停留几秒。", examples=[12], default=12, ge=3, le=600)
    order: Literal["最新优先", "随机"] = field("顺序", "活动按时间从新到旧，或按固定种子打乱。", examples=["最新优先"], default="最新优先")
    seed: int = field("随机种子", "“随机”时用的种子：同一个种子每次顺序一样。", examples=[2022], default=2022, ge=0)
    transition: Literal["淡入淡出", "滑动", "无"] = field("切换效果", "幻灯片之间的过渡。", examples=["淡入淡出"], default="淡入淡出")
    latest_activities: int = field("活动数", "最多放最近几次活动。", examples=[12], default=12, ge=1, le=200)
    latest_honours: int = field("荣誉数", "最多放最近几项荣誉：十年的荣誉都放进来，一轮要播一个多小时。", examples=[12],
                                default=12, ge=1, le=200)
    check_minutes: int = field("检查更新分钟", "每隔几分钟检查网站是否有新内容。", examples=[5], default=5, ge=1, le=1440)
    hours: SchoolHours = field("作息时间", "开屏和关屏的时间。", examples=[{"开始": "07:30", "结束": "18:00", "周末开屏": False}],
                                default_factory=SchoolHours)
    ticker: NoticeTicker = field("通知滚动条", "当前的通知公告在幻灯片上滚动显示：开关、位置、速度。",
                                 examples=[{"启用": True, "位置": "底部", "速度": 4}], default_factory=NoticeTicker)
    emergency: bool = field("紧急通知全屏", "有“紧急: true”的通知时，白天夜间都整屏显示它，直到过期或删除。"
                            "写 false 则只在滚动条里出现。", examples=[True], default=True)
    playlists: list[Playlist] = field("播放列表", "给某一块屏幕单独的内容。", examples=[[{"名称": "科技角", "内容": ["长廊", "活动"], "长廊": ["xingxing-kejijiao"]}]],
                                     default_factory=list)


class Site(RecordModel):
    name: Title = field("学校名称", "学校全称。", examples=["西乡县城北小学"])
    short_name: Text | None = field("简称", "学校简称。", examples=["城北小学"], default=None)
    url: Annotated[str, Field(pattern=r"^https?://[^\s/]+(/[^\s]*)?/$", max_length=200)] | None = field(
        "网址", "网站的正式网址，以 / 结尾。写了以后，分享到微信的卡片才能显示图片（需要完整网址）。",
        examples=["https://www.example.edu.cn/"], default=None)
    feed: bool = field("订阅源", "是否生成订阅源 feed.xml（Atom 格式，含通知和活动，给教育局和家长的阅读器抓取），需要写“网址”。",
                       examples=[True], default=True)
    brand: Text = field("党建品牌", "党支部的品牌名。", examples=["星支部 心服务"])
    motto: Text = field("口号", "学校的发展口号或办学理念。", examples=["党建引领 七星育人"])
    spirit: Spirit = field("学校精神", "学校精神的名称和内容。", examples=[{"名称": "城北精神", "内容": ["自信", "诚信", "用心", "创新"]}])
    intro: LongText = field("简介", "一两段话介绍学校，显示在首页。支持少量 Markdown（段落、加粗、列表、链接）。",
                           examples=["西乡县城北小学党支部把德育一校一品“星文化”融入党建品牌建设。"])
    corridors_title: SectionName = field(
        "长廊栏目名", "长廊这一栏的名称，用在导航、列表页标题、返回链接和走廊显示屏上，按学校自己的叫法写"
        "（不超过 12 个字，不用 < > & 和英文双引号）。",
        examples=["星文化长廊"], default="文化长廊")
    leads: SectionLeads = field(
        "栏目导语", "教师、长廊、活动、荣誉这几个列表页标题下的一句话，按栏目写；不写的栏目就没有。"
        "照原样显示：只写文字，不用网页代码（尖括号）和 Markdown。",
        examples=[{"教师": "党员教师主动助力青年教师的发展，成长为名师、能手，作为全体教师学习的榜样。"}],
        default_factory=SectionLeads)
    contact: Contact = field("联系方式", "显示在页脚。", examples=[{"地址": "陕西省汉中市西乡县城北", "电话": "0916-1234567"}],
                             default_factory=Contact)
    filing: Filing = field("备案", "备案号，写了才显示在页脚。", examples=[{"ICP备案号": "陕ICP备00000000号-1"}],
                          default_factory=Filing)
    categories: list[Text] = field(
        "活动分类", "活动可以选用的分类，按显示顺序。", examples=[["党建", "德育", "家校共育", "少先队"]], min_length=1
    )
    category_slugs: dict[Text, Annotated[str, Field(pattern=SLUG_PATTERN, max_length=40)]] = field(
        "分类网址",
        "每个活动分类的网址用的拼音，小写字母开头，词之间用连字符，如 党建: dangjian → /activities/dangjian/。"
        "不写的分类直接用中文名作网址。网址发出去以后就不要再改。",
        examples=[{"党建": "dangjian", "家校共育": "jiaxiao-gongyu"}], default_factory=dict)
    notice_categories: list[Text] = field(
        "通知类别", "通知公告可以选用的类别，按显示顺序。", examples=[["通知", "公告", "招生", "安全提醒", "家长学校"]],
        default_factory=lambda: ["通知", "公告", "招生", "安全提醒", "家长学校"], min_length=1,
    )
    notice_category_slugs: dict[Text, Annotated[str, Field(pattern=SLUG_PATTERN, max_length=40)]] = field(
        "通知类别网址",
        "每个通知类别的网址用的拼音，如 招生: zhaosheng → /notices/zhaosheng/。默认的五个类别已经有了；"
        "不写的类别直接用中文名作网址。网址发出去以后就不要再改。",
        examples=[{"招生": "zhaosheng", "安全提醒": "anquan-tixing"}],
        default_factory=lambda: dict(NOTICE_CATEGORY_SLUGS))
    year_in_numbers: list[YearInNumbers] = field("年度数字", "首页“一年数字”里的统计，每年一组。",
        examples=[[{"年份": 2022, "项目": [{"名称": "支委会", "数值": 12, "单位": "次"}]}]], default_factory=list)
    campus_photo: Photo | None = field("校园照片", "首页大图。", examples=[{"文件": "photos/school/campus.jpg", "替代文本": "少先队员在烈士纪念碑前敬献花圈", "说明": "清明祭扫", "含学生": False}], default=None)
    photo_settings: PhotoSettings = field("照片设置", "照片输出的宽度、质量和并行数。", examples=[{"宽度": list(DEFAULT_WIDTHS), "并行数": 0}],
                                          default_factory=PhotoSettings)
    build: BuildOptions = field("构建选项", "生成网站时的选项。", examples=[{"学生照片无同意书": "报错", "首页活动数": 6, "首页通知数": 5}],
                                  default_factory=BuildOptions)
    display: DisplaySettings = field("显示屏", "走廊显示屏（/display/）的内容和作息。", examples=[{"每页秒数": 12, "顺序": "最新优先"}],
                                      default_factory=DisplaySettings)

    def notice_category_addresses(self) -> dict[str, str]:
        """Each notice category -> its list page's word (``notices/<word>/``), as for activities."""
        return category_words(self.notice_categories, self.notice_category_slugs)

    def category_addresses(self) -> dict[str, str]:
        """Each activity category -> the word of its list page's address (``activities/<word>/``).

        The pinyin declared in 分类网址, else the name itself (characters that do not belong
        in an address become hyphens; a leading digit gets ``fenlei-`` so it never looks
        like a year page). Depends only on site.yml: the address stays as the archive grows.
        """
        return category_words(self.categories, self.category_slugs)


def category_words(names: list[str], slugs: dict[str, str]) -> dict[str, str]:
    """Category name -> the word of its list page's address: the declared pinyin, else the name."""
    addresses = {}
    for name in names:
        word = slugs.get(name) or re.sub(r"[^\w]+", "-", name).strip("-").lower()
        if not word or word[0].isdigit() or word[0] == "_":
            word = f"fenlei-{word}".rstrip("-")
        addresses[name] = word
    return addresses
