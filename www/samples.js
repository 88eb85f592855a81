// Sample templates for the demo, in Italian, Portuguese, English and Spanish: the kinds of
// notification the source articles describe, an OTP, a promotion, a carousel and a
// limited-time offer.
export const SAMPLES = [
  {
    label: 'Italiano — conferma d\'ordine',
    template: {
      name: 'conferma_ordine', language: 'it', category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Ordine {{1}} confermato', example: { header_text: ['IT-20931'] } },
        { type: 'BODY', text: 'Salve {{1}}, grazie per il vostro ordine! Vi contatteremo quando sarà pronto per la *spedizione*. Potete rintracciarlo con il numero {{2}} dal pulsante qui sotto. Buona giornata!', example: { body_text: [['Giulia', 'IT-20931']] } },
        { type: 'FOOTER', text: 'Negozio Esempio' },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Traccia l\'ordine', url: 'https://negozio.example.it/ordini/{{1}}', example: ['https://negozio.example.it/ordini/IT-20931'] }] },
      ],
    },
  },
  {
    label: 'Italiano — cambio volo',
    template: {
      name: 'cambio_volo', language: 'it', category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Gentile {{1}}, il tuo volo {{2}} per {{3}} è in ritardo. Nuovo orario di partenza: {{4}}, gate {{5}}. Ci scusiamo per il disagio.', example: { body_text: [['Marco', 'AZ610', 'New York', '18:40', 'B12']] } },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Cambia volo' }, { type: 'QUICK_REPLY', text: 'Contattaci' }] },
      ],
    },
  },
  {
    label: 'Português — pedido enviado',
    template: {
      name: 'pedido_enviado', language: 'pt_BR', category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}} enviado', example: { header_text: ['#48213'] } },
        { type: 'BODY', text: 'Olá {{1}}, boas notícias! 🚚 O seu pedido saiu para entrega e deve chegar até {{2}}.\n\n- Rastreie pelo botão abaixo\n- Dúvidas? Responda esta mensagem', example: { body_text: [['Ana', 'sexta-feira']] } },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Rastrear pedido', url: 'https://loja.example.com.br/rastreio/{{1}}', example: ['https://loja.example.com.br/rastreio/48213'] }] },
      ],
    },
  },
  {
    label: 'Português — promoção',
    template: {
      name: 'promocao_verao', language: 'pt_BR', category: 'MARKETING',
      components: [
        { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARb'] } },
        { type: 'BODY', text: 'Oi {{1}}! ☀️ Liquidação de verão: *até 40% de desconto* em toda a loja. Use o cupom abaixo e aproveite!', example: { body_text: [['Ana']] } },
        { type: 'FOOTER', text: 'Responda SAIR para não receber ofertas' },
        { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'VERAO40' }, { type: 'URL', text: 'Comprar agora', url: 'https://loja.example.com.br/verao' }, { type: 'QUICK_REPLY', text: 'Parar promoções' }, { type: 'QUICK_REPLY', text: 'Falar com atendente' }] },
      ],
    },
  },
  {
    label: 'English — appointment reminder',
    template: {
      name: 'appointment_reminder', language: 'en_US', category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Hi {{1}}, this is a reminder of your appointment with Dr. {{2}} on {{3}} at {{4}}. Reply 1 to confirm or 2 to reschedule.', example: { body_text: [['Sam', 'Rossi', 'May 12', '10:30']] } },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Confirm' }, { type: 'QUICK_REPLY', text: 'Reschedule' }, { type: 'PHONE_NUMBER', text: 'Call the clinic', phone_number: '+15555550100' }] },
      ],
    },
  },
  {
    label: 'English — one-time code',
    template: {
      name: 'login_code', language: 'en_US', category: 'AUTHENTICATION',
      components: [
        { type: 'BODY', add_security_recommendation: true },
        { type: 'FOOTER', code_expiration_minutes: 10 },
        { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
      ],
    },
  },
  {
    label: 'English — summer trips (carousel)',
    template: {
      name: 'summer_trips', language: 'en_GB', category: 'MARKETING',
      components: [
        { type: 'BODY', text: 'Hi {{1}}, our summer trips are here. Swipe to pick yours!', example: { body_text: [['Sam']] } },
        {
          type: 'CAROUSEL',
          cards: [
            { components: [
              { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARb'] } },
              { type: 'BODY', text: 'Alpine week in {{1}}, 7 nights from {{2}}.', example: { body_text: [['Cortina', '€690']] } },
              { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Book now', url: 'https://travel.example.com/trips/{{1}}', example: ['https://travel.example.com/trips/alps-7'] }, { type: 'QUICK_REPLY', text: 'Tell me more' }] },
            ] },
            { components: [
              { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARb'] } },
              { type: 'BODY', text: 'Seaside week in {{1}}, 5 nights from {{2}}.', example: { body_text: [['Puglia', '€540']] } },
              { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Book now', url: 'https://travel.example.com/trips/{{1}}', example: ['https://travel.example.com/trips/sea-5'] }, { type: 'QUICK_REPLY', text: 'Tell me more' }] },
            ] },
          ],
        },
      ],
    },
  },
  {
    label: 'Português — oferta relâmpago (limited-time offer)',
    template: {
      name: 'oferta_relampago', language: 'pt_BR', category: 'MARKETING',
      components: [
        { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARb'] } },
        { type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Só hoje!', has_expiration: true } },
        { type: 'BODY', text: 'Oi {{1}}! Use o cupom abaixo e ganhe 30% de desconto em toda a loja.', example: { body_text: [['Rita']] } },
        { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'VERAO30' }, { type: 'URL', text: 'Comprar agora', url: 'https://loja.example.com.br/oferta' }] },
      ],
    },
  },
  {
    label: 'Español — recordatorio de cita',
    template: {
      name: 'recordatorio_cita', language: 'es', category: 'UTILITY', parameter_format: 'NAMED',
      components: [
        { type: 'BODY', text: 'Hola {{first_name}}, le recordamos su cita en la *Clínica Sol* el {{date}}. Si necesita cambiarla, responda a este mensaje.', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Lucía' }, { param_name: 'date', example: '12 de mayo' }] } },
      ],
    },
  },
  {
    label: 'Español — oferta (declarada UTILITY)',
    template: {
      name: 'oferta_fin_de_semana', language: 'es', category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Hola {{1}}, tu pedido {{2}} ya está en camino. ¡Y este fin de semana tienes un 20% de descuento en toda la tienda!', example: { body_text: [['Lucía', 'ES-1180']] } },
      ],
    },
  },
];
